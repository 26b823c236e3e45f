import { Fn, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import {
  type AzLinuxWebApp,
  AzPostgresqlFlexibleServer,
  AzPostgresqlFlexibleServerConfiguration,
  AzPostgresqlFlexibleServerDatabase,
  AzPostgresqlFlexibleServerFirewallRule,
  type AzPrivateDnsZone,
  type AzResourceGroup,
  type AzSubnet,
  RandomPassword,
} from "./providers";
import type { SecretVault } from "./secret-vault";
import type { VaultSecret } from "./vault-secret";

/** Major versions this project deploys (Azure has retired 11 and 12). */
export const POSTGRES_VERSIONS = ["13", "14", "15", "16"] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

/** `storage_mb` values azurerm 4.55 accepts (32 GiB to 32 TiB). */
export const POSTGRES_STORAGE_MB = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408,
] as const;

/** The provider's `sku_name` rule: `<tier>_<family>`, e.g. B_Standard_B1ms, GP_Standard_D2s_v3, MO_Standard_E4s_v3. */
const SKU_NAME =
  /^((B_Standard_B((1|2|4|8|12|16|20)ms|2s))|(GP_Standard_D(((2|4|8|16|32|48|64)s_v3)|((2|4|8|16|32|48|64)ds_v4)|((2|4|8|16|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5)|(C(2|4|8|16|32|48|64|96)ads_v5)))|(MO_Standard_E((((2|4|8|16|20|32|48|64)s)_v3)|((2|4|6|8|16|20|32|48|64)ds_v4)|((2|4|8|16|20|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5))))$/;

export type PostgresTier = "Burstable" | "GeneralPurpose" | "MemoryOptimized";

/** The compute tier of a flexible server SKU, or undefined when the provider would reject the name. */
export function postgresTierOf(skuName: string): PostgresTier | undefined {
  if (!SKU_NAME.test(skuName)) return undefined;
  if (skuName.startsWith("B_")) return "Burstable";
  return skuName.startsWith("GP_") ? "GeneralPurpose" : "MemoryOptimized";
}

/** Logins Azure refuses for the administrator (and anything starting with `pg_`). */
const RESERVED_LOGINS = [
  "azure_superuser",
  "azure_pg_admin",
  "admin",
  "administrator",
  "root",
  "guest",
  "public",
];

/**
 * Special characters of the generated password: URL-unreserved (RFC 3986), so the password goes into
 * `postgresql://user:password@host` without encoding.
 */
export const PASSWORD_SPECIAL_CHARACTERS = "-_.~";

/** "public": firewall allow-list; "private": VNet injection into a delegated subnet with a private DNS zone. */
export type PostgresNetworkMode = "public" | "private";

/** A web app whose outbound addresses may connect (a ContainerWebApp, a SpaWebApp). */
export type PostgresClient = Construct & { readonly resource: AzLinuxWebApp };

export interface PostgresDatabaseProps {
  /** Server name: 3-63 lowercase letters, digits and '-'; globally unique (it is the host name). */
  readonly name: string;
  readonly resourceGroup: AzResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /** Vault that receives each slot's `DATABASE_URL` secret. */
  readonly vault: SecretVault;
  /**
   * Deployment slots that get a database each (`<databaseNamePrefix>_<slot>`), so a staging
   * release never touches production data.
   * @default ["production"]
   */
  readonly slots?: string[];
  /** Databases are named `<prefix>_<slot>` ('-' in slot names becomes '_'). @default "app" */
  readonly databaseNamePrefix?: string;
  /** PostgreSQL major version; upgrades in place, a downgrade replaces the server. @default "16" */
  readonly version?: PostgresVersion;
  /** Compute SKU, `<tier>_<family>`: `B_Standard_B1ms` (Burstable), `GP_Standard_D2s_v3`, ... @default "B_Standard_B1ms" */
  readonly skuName?: string;
  /** Storage in MB, one of {@link POSTGRES_STORAGE_MB}; it can grow later, never shrink. @default 32768 */
  readonly storageMb?: number;
  /**
   * Grow storage before it fills up. Storage never shrinks, so `storage_mb` is then ignored after
   * creation (otherwise the next plan would try to shrink it, which replaces the server).
   * @default false
   */
  readonly storageAutoGrow?: boolean;
  /** Days of point-in-time restore, 7-35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Copy backups to the paired region; can only be chosen at creation (a change replaces the server). @default false */
  readonly geoRedundantBackup?: boolean;
  /** A zone-redundant standby (`high_availability { mode = "ZoneRedundant" }`); not on Burstable. @default false */
  readonly highAvailability?: boolean;
  /** Administrator login (a change replaces the server). @default "pgadmin" */
  readonly administratorLogin?: string;
  /**
   * Version of the generated administrator password. Bump it to rotate: a new password is
   * generated, written to the server and to every slot's `DATABASE_URL` secret in one apply.
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * "public": reachable on its public endpoint through a firewall that allows nothing by default;
   * open it to apps with {@link PostgresDatabase.allowConnectionsFrom} and to single addresses
   * with `allowedIpAddresses`. "private": injected into `delegatedSubnet`, no public endpoint at
   * all; the apps need VNet integration into the same network.
   * @default "public"
   */
  readonly networkMode?: PostgresNetworkMode;
  /** "private" only: a subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`. */
  readonly delegatedSubnet?: AzSubnet;
  /** "private" only: a zone named `*.postgres.database.azure.com`, linked to the VNet. */
  readonly privateDnsZone?: AzPrivateDnsZone;
  /** "public" only: single IPv4 addresses allowed in, e.g. a migration runner's egress. @default none */
  readonly allowedIpAddresses?: string[];
  /** `prevent_destroy` on the server and the databases: a destroy must be a deliberate change. @default true */
  readonly preventDestroy?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/**
 * An Azure Database for PostgreSQL flexible server with one database per deployment slot, each
 * slot's `DATABASE_URL` in Key Vault, TLS 1.2+ required and no open firewall.
 *
 * **Administrator password.** Generated by a `random_password` resource and written with the
 * write-only `administrator_password_wo` (and each `DATABASE_URL` secret with `value_wo`), so it
 * is never in the synthesized JSON or the repository; it is in the Terraform state of the
 * `random_password` (sensitive), which must be protected anyway. An ephemeral `random_password`
 * would keep it out of state too, but it yields a new value on every run: a secret or a server
 * recreated on its own (a new slot, a re-created vault) would get a password the other side does
 * not have. One stored value keeps the server and every slot's URL in agreement. Rotation: bump
 * `passwordVersion`; it changes the password's keepers, `administrator_password_wo_version` and
 * every secret's `value_wo_version` together. App Service re-reads Key Vault references when the
 * app restarts or its settings change (otherwise within 24 h): pass {@link passwordVersion} to the
 * apps as a plain setting so a rotation restarts them.
 *
 * **Network.** "public" mode allows no address until told: {@link allowConnectionsFrom} adds one
 * rule per address of a web app's `possible_outbound_ip_address_list` (never the 0.0.0.0 "allow
 * all Azure services" rule, which admits every tenant's Azure workloads). Those addresses are
 * unknown until the app exists, and Terraform cannot plan a `for_each` over unknown values: a
 * first apply in one stack fails with "Invalid for_each argument". Either create the rules with
 * {@link PostgresFirewallRules} in a follow-up stack (the addresses then arrive as a cross-stack
 * reference, known when that stack plans), or create the app first
 * (`terraform apply -target=<app>`). The addresses are shared with every app of the same App
 * Service scale unit, so the firewall narrows but does not isolate. "private" mode removes the
 * public endpoint entirely (stronger, but needs a VNet, a delegated subnet, a private DNS zone
 * linked to the VNet, and VNet integration of the apps).
 */
export class PostgresDatabase extends Construct {
  /** Escape hatch: the flexible server. */
  readonly resource: AzPostgresqlFlexibleServer;
  /** Escape hatch: the generated administrator password (its `result` is sensitive). */
  readonly password: RandomPassword;
  /** Server parameters set by the construct, by name. */
  readonly configurations: ReadonlyMap<string, AzPostgresqlFlexibleServerConfiguration>;
  /** Each slot's database, by slot name. */
  readonly databases: ReadonlyMap<string, AzPostgresqlFlexibleServerDatabase>;
  readonly networkMode: PostgresNetworkMode;
  readonly administratorLogin: string;
  /** The password version: a plain app setting with it restarts the apps on rotation. */
  readonly passwordVersion: number;
  private readonly secrets: ReadonlyMap<string, VaultSecret>;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const slots = props.slots ?? ["production"];
    const prefix = props.databaseNamePrefix ?? "app";
    const version = props.version ?? "16";
    const skuName = props.skuName ?? "B_Standard_B1ms";
    const storageMb = props.storageMb ?? 32768;
    const autoGrow = props.storageAutoGrow ?? false;
    const backupRetentionDays = props.backupRetentionDays ?? 7;
    const geoRedundantBackup = props.geoRedundantBackup ?? false;
    const highAvailability = props.highAvailability ?? false;
    const preventDestroy = props.preventDestroy ?? true;
    const allowedIps = props.allowedIpAddresses ?? [];
    this.networkMode = props.networkMode ?? "public";
    this.administratorLogin = props.administratorLogin ?? "pgadmin";
    this.passwordVersion = props.passwordVersion ?? 1;
    const isPrivate = this.networkMode === "private";
    const databaseName = (slot: string) => `${prefix}_${slot.replace(/-/g, "_")}`;

    this.node.addValidation({
      validate: () =>
        this.validate({
          ...props,
          slots,
          prefix,
          version,
          skuName,
          storageMb,
          backupRetentionDays,
          highAvailability,
          allowedIps,
          databaseName,
        }),
    });

    this.password = new RandomPassword(this, "administrator-password", {
      length: 40,
      special: true,
      overrideSpecial: PASSWORD_SPECIAL_CHARACTERS,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
      keepers: { version: String(this.passwordVersion) },
    });

    const ignoreChanges = [
      ...(autoGrow ? ["storage_mb"] : []),
      // After a failover the standby is the primary: do not fail back on the next apply.
      ...(highAvailability ? ["zone", "high_availability[0].standby_availability_zone"] : []),
    ];
    this.resource = new AzPostgresqlFlexibleServer(this, "server", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      version,
      skuName,
      storageMb,
      autoGrowEnabled: autoGrow,
      backupRetentionDays,
      geoRedundantBackupEnabled: geoRedundantBackup,
      highAvailability: highAvailability ? { mode: "ZoneRedundant" } : undefined,
      administratorLogin: this.administratorLogin,
      administratorPasswordWo: this.password.result,
      administratorPasswordWoVersion: this.passwordVersion,
      publicNetworkAccessEnabled: !isPrivate,
      delegatedSubnetId: isPrivate ? props.delegatedSubnet?.id : undefined,
      privateDnsZoneId: isPrivate ? props.privateDnsZone?.id : undefined,
      tags: props.tags,
      lifecycle: {
        preventDestroy,
        ignoreChanges: ignoreChanges.length > 0 ? ignoreChanges : undefined,
      },
    });

    // Clients must use TLS, 1.2 or newer (Azure's defaults today, pinned so a change shows in review).
    this.configurations = new Map(
      Object.entries({ require_secure_transport: "on", ssl_min_protocol_version: "TLSv1.2" }).map(
        ([name, value]) => [
          name,
          new AzPostgresqlFlexibleServerConfiguration(this, `config-${name.replace(/_/g, "-")}`, {
            serverId: this.resource.id,
            name,
            value,
          }),
        ],
      ),
    );

    // Duplicates are reported by the validation; create each rule, database and secret once.
    for (const address of isPrivate ? [] : [...new Set(allowedIps)]) {
      new AzPostgresqlFlexibleServerFirewallRule(this, `allow-ip-${address.replace(/\./g, "-")}`, {
        serverId: this.resource.id,
        name: `ip-${address.replace(/\./g, "-")}`,
        startIpAddress: address,
        endIpAddress: address,
      });
    }

    const uniqueSlots = [...new Set(slots)];
    this.databases = new Map(
      uniqueSlots.map((slot) => [
        slot,
        new AzPostgresqlFlexibleServerDatabase(this, `database-${slot}`, {
          serverId: this.resource.id,
          name: databaseName(slot),
          charset: "UTF8",
          collation: "en_US.utf8",
          lifecycle: { preventDestroy },
        }),
      ]),
    );

    // The URL is a Terraform expression over the password, the server and the slot's database:
    // the value exists only at apply time and is written through the secret's value_wo.
    this.secrets = new Map(
      uniqueSlots.map((slot) => {
        const database = this.databases.get(slot) as AzPostgresqlFlexibleServerDatabase;
        const url = `postgresql://${this.administratorLogin}:${this.password.result}@${this.resource.fqdn}:5432/${database.name}?sslmode=require`;
        // Slot names are validated above; keep the secret name valid so only that problem is reported.
        const secretName = `database-url-${slot.replace(/[^0-9a-zA-Z-]/g, "-")}`;
        const secret = props.vault.addSecret(`secret-${secretName}`, {
          name: secretName,
          value: url,
          valueVersion: this.passwordVersion,
        });
        return [slot, secret];
      }),
    );
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /** Host name clients connect to, e.g. `psql-contoso-prod.postgres.database.azure.com`. */
  get fqdn(): string {
    return this.resource.fqdn;
  }

  /** The slot's `DATABASE_URL` in Key Vault; pass it as the slot's sticky `DATABASE_URL` setting. */
  databaseUrlSecret(slot: string): VaultSecret {
    const secret = this.secrets.get(slot);
    if (!secret) {
      throw new Error(
        `PostgresDatabase ${this.node.path}: no database for slot "${slot}" (slots: ${[...this.secrets.keys()].join(", ")})`,
      );
    }
    return secret;
  }

  /**
   * Opens the firewall to the outbound addresses of `client` (and its slots, which share them).
   * See the class documentation for the first-apply caveat; for a follow-up stack, create
   * {@link PostgresFirewallRules} there instead.
   */
  allowConnectionsFrom(client: PostgresClient): PostgresFirewallRules {
    const id = `allow-${client.node.id}`;
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as PostgresFirewallRules;
    return new PostgresFirewallRules(this, id, { database: this, client });
  }

  private validate(p: {
    name: string;
    administratorLogin?: string;
    passwordVersion?: number;
    slots: string[];
    prefix: string;
    version: string;
    skuName: string;
    storageMb: number;
    backupRetentionDays: number;
    highAvailability: boolean;
    allowedIps: string[];
    delegatedSubnet?: AzSubnet;
    privateDnsZone?: AzPrivateDnsZone;
    databaseName: (slot: string) => string;
  }): string[] {
    const where = `PostgresDatabase ${this.node.path}`;
    const problems: string[] = [];
    if (p.name.length < 3 || p.name.length > 63 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name)) {
      problems.push(
        `${where}: name = "${p.name}" must be 3-63 lowercase letters, digits and '-', not starting or ending with '-'`,
      );
    }
    if (!(POSTGRES_VERSIONS as readonly string[]).includes(p.version)) {
      problems.push(`${where}: version = "${p.version}" must be one of ${POSTGRES_VERSIONS.join(", ")}`);
    }
    const tier = postgresTierOf(p.skuName);
    if (tier === undefined) {
      problems.push(
        `${where}: skuName = "${p.skuName}" is not a flexible server SKU; the format is <tier>_<family>, e.g. B_Standard_B1ms (Burstable), GP_Standard_D2s_v3 (General Purpose), MO_Standard_E2s_v3 (Memory Optimized)`,
      );
    }
    if (p.highAvailability && tier === "Burstable") {
      problems.push(
        `${where}: highAvailability = true needs a General Purpose or Memory Optimized SKU (skuName is "${p.skuName}", Burstable)`,
      );
    }
    if (!(POSTGRES_STORAGE_MB as readonly number[]).includes(p.storageMb)) {
      problems.push(`${where}: storageMb = ${p.storageMb} must be one of ${POSTGRES_STORAGE_MB.join(", ")}`);
    }
    if (!Number.isInteger(p.backupRetentionDays) || p.backupRetentionDays < 7 || p.backupRetentionDays > 35) {
      problems.push(
        `${where}: backupRetentionDays = ${p.backupRetentionDays} must be a whole number from 7 to 35`,
      );
    }
    if (!Number.isInteger(this.passwordVersion) || this.passwordVersion < 1) {
      problems.push(`${where}: passwordVersion = ${this.passwordVersion} must be a whole number >= 1`);
    }
    const login = this.administratorLogin;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(login)) {
      problems.push(
        `${where}: administratorLogin = "${login}" must be 1-63 letters, digits and '_', not starting with a digit`,
      );
    } else if (RESERVED_LOGINS.includes(login.toLowerCase()) || login.toLowerCase().startsWith("pg_")) {
      problems.push(
        `${where}: administratorLogin = "${login}" is reserved by Azure (${RESERVED_LOGINS.join(", ")}, or starting with pg_)`,
      );
    }
    if (!/^[a-z][a-z0-9_]*$/.test(p.prefix)) {
      problems.push(
        `${where}: databaseNamePrefix = "${p.prefix}" must be lowercase letters, digits and '_', starting with a letter`,
      );
    }
    if (p.slots.length === 0)
      problems.push(`${where}: slots is empty; every app needs at least one database`);
    const seen = new Set<string>();
    for (const slot of p.slots) {
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(slot)) {
        problems.push(
          `${where}: slots: "${slot}" must be lowercase letters, digits and '-', not starting or ending with '-'`,
        );
      } else if (p.databaseName(slot).length > 63) {
        problems.push(
          `${where}: slots: database name "${p.databaseName(slot)}" is longer than 63 characters (PostgreSQL's limit)`,
        );
      }
      if (seen.has(slot)) problems.push(`${where}: slots: "${slot}" is listed twice`);
      seen.add(slot);
    }
    if (this.networkMode !== "public" && this.networkMode !== "private") {
      problems.push(`${where}: networkMode = "${this.networkMode}" must be "public" or "private"`);
    } else if (this.networkMode === "private") {
      if (!p.delegatedSubnet)
        problems.push(`${where}: networkMode = "private" needs delegatedSubnet (delegated to PostgreSQL)`);
      if (!p.privateDnsZone)
        problems.push(
          `${where}: networkMode = "private" needs privateDnsZone (*.postgres.database.azure.com)`,
        );
      const zoneName = p.privateDnsZone?.nameInput;
      if (
        zoneName !== undefined &&
        !Token.isUnresolved(zoneName) &&
        !zoneName.endsWith(".postgres.database.azure.com")
      ) {
        problems.push(
          `${where}: privateDnsZone name "${zoneName}" must end with ".postgres.database.azure.com" (Azure's rule for VNet-injected servers)`,
        );
      }
      if (p.allowedIps.length > 0) {
        problems.push(
          `${where}: allowedIpAddresses = ${JSON.stringify(p.allowedIps)} needs networkMode "public"; a private server has no firewall`,
        );
      }
    } else {
      if (p.delegatedSubnet) problems.push(`${where}: delegatedSubnet needs networkMode = "private"`);
      if (p.privateDnsZone) problems.push(`${where}: privateDnsZone needs networkMode = "private"`);
    }
    const seenIps = new Set<string>();
    for (const address of p.allowedIps) {
      const octets = address.split(".");
      const valid =
        octets.length === 4 && octets.every((o) => /^(0|[1-9][0-9]{0,2})$/.test(o) && Number(o) <= 255);
      if (!valid) {
        problems.push(
          `${where}: allowedIpAddresses: "${address}" must be a single IPv4 address (no ranges or CIDR blocks)`,
        );
      } else if (address === "0.0.0.0") {
        problems.push(
          `${where}: allowedIpAddresses: "0.0.0.0" is Azure's "allow all Azure services" rule, which admits every tenant's Azure workloads`,
        );
      }
      if (seenIps.has(address)) problems.push(`${where}: allowedIpAddresses: "${address}" is listed twice`);
      seenIps.add(address);
    }
    return problems;
  }
}

export interface PostgresFirewallRulesProps {
  /** The server to open. */
  readonly database: PostgresDatabase;
  /** The web app whose `possible_outbound_ip_address_list` may connect. */
  readonly client: PostgresClient;
}

/**
 * Firewall rules that admit one web app's possible outbound addresses, one rule per address
 * (`for_each` over the list). In the database's stack the list is unknown until the app exists;
 * in a follow-up stack it arrives through a cross-stack reference and is known when that stack
 * plans (see {@link PostgresDatabase}).
 */
export class PostgresFirewallRules extends Construct {
  /** Escape hatch: the rule, repeated for each address by `for_each`. */
  readonly resource: AzPostgresqlFlexibleServerFirewallRule;

  constructor(scope: Construct, id: string, props: PostgresFirewallRulesProps) {
    super(scope, id);
    const label = props.client.node.id.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 60);
    this.node.addValidation({
      validate: () =>
        props.database.networkMode === "private"
          ? [
              `PostgresFirewallRules ${this.node.path}: database ${props.database.node.path} has networkMode "private"; firewall rules apply to public access only (use VNet integration for ${props.client.node.path})`,
            ]
          : [],
    });
    const addresses = TerraformIterator.fromList(props.client.resource.possibleOutboundIpAddressList);
    this.resource = new AzPostgresqlFlexibleServerFirewallRule(this, "rule", {
      forEach: addresses,
      serverId: props.database.id,
      // Rule names allow letters, digits, '-' and '_': 20.1.2.3 becomes "api-20-1-2-3".
      name: `${label}-${Fn.replace(addresses.value, ".", "-")}`,
      startIpAddress: addresses.value,
      endIpAddress: addresses.value,
    });
  }
}
