import { Fn, TerraformIterator } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import type { IPostgresServer } from "./existing-postgres-server";
import { AzPostgresqlFlexibleServerFirewallRule } from "./providers";

/**
 * A web app whose outbound addresses may connect: a managed `azurerm_linux_web_app` or one
 * looked up by name (`data.azurerm_linux_web_app`), both have these attributes.
 */
export interface IPostgresClient extends IConstruct {
  /** The app's name: globally unique, so rules named after it never collide. */
  readonly name: string;
  /** Every address the app (and its slots, which share them) may connect from. */
  readonly possibleOutboundIpAddressList: string[];
}

export interface PostgresFirewallRulesProps {
  /** The server to open. */
  readonly server: IPostgresServer;
  /** The web app whose `possible_outbound_ip_address_list` may connect. */
  readonly client: IPostgresClient;
  /**
   * Refuse the rules when the server is private (they would fail at apply: a VNet-injected
   * server has no firewall).
   * @default false
   */
  readonly serverIsPrivate?: boolean;
}

/**
 * Firewall rules that admit one web app's possible outbound addresses, one rule per address
 * (`for_each` over the list), named `<app name>-<address with '-'>`. The list is unknown until
 * the app exists, so Terraform can plan the rules only in a stack applied after the app's
 * (see `DatabaseAccessStack`); there the app is looked up by name.
 */
export class PostgresFirewallRules extends Construct {
  /** Escape hatch: the rule, repeated for each address by `for_each`. */
  readonly resource: AzPostgresqlFlexibleServerFirewallRule;

  constructor(scope: Construct, id: string, props: PostgresFirewallRulesProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () =>
        props.serverIsPrivate
          ? [
              `PostgresFirewallRules ${this.node.path}: server ${props.server.node.path} is private (networkMode "private"); firewall rules apply to public access only (use VNet integration for ${props.client.node.path})`,
            ]
          : [],
    });
    const addresses = TerraformIterator.fromList(props.client.possibleOutboundIpAddressList);
    this.resource = new AzPostgresqlFlexibleServerFirewallRule(this, "rule", {
      forEach: addresses,
      serverId: props.server.id,
      // Rule names allow letters, digits, '-' and '_': 20.1.2.3 becomes "<app>-20-1-2-3".
      name: `${props.client.name}-${Fn.replace(addresses.value, ".", "-")}`,
      startIpAddress: addresses.value,
      endIpAddress: addresses.value,
    });
  }
}
