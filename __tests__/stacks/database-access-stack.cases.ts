import { resourcesByPath, synthPlatform } from "./platform-fixture";

/** The embedded default: dev has a public database, prod a private one. */
const synth = synthPlatform();

describe("<app>-<env>-access", () => {
  const access = synth.stacks["contoso-dev-access"];

  test("only for the public server, after its environment", () => {
    expect(synth.manifest.stacks["contoso-dev-access"].dependencies).toEqual(["contoso-dev"]);
    expect(synth.stacks["contoso-prod-access"]).toBeUndefined();
  });

  test("looks up the API and the server by name instead of reading the environment's state", () => {
    expect(JSON.stringify(access)).not.toContain("terraform_remote_state");
    expect(Object.values(access.data.azurerm_linux_web_app)).toEqual([
      expect.objectContaining({ name: "app-contoso-dev-api", resource_group_name: "rg-contoso-dev" }),
    ]);
    expect(Object.values(access.data.azurerm_postgresql_flexible_server)).toEqual([
      expect.objectContaining({ name: "psql-contoso-dev", resource_group_name: "rg-contoso-dev" }),
    ]);
  });

  test("one rule per possible outbound address of the API, named after the API", () => {
    const app = Object.keys(access.data.azurerm_linux_web_app)[0];
    const server = Object.keys(access.data.azurerm_postgresql_flexible_server)[0];
    expect(
      resourcesByPath(access, "azurerm_postgresql_flexible_server_firewall_rule")["api-access/rule"],
    ).toMatchObject({
      for_each: `\${toset(data.azurerm_linux_web_app.${app}.possible_outbound_ip_address_list)}`,
      name: `\${data.azurerm_linux_web_app.${app}.name}-\${replace(each.value, ".", "-")}`,
      server_id: `\${data.azurerm_postgresql_flexible_server.${server}.id}`,
      start_ip_address: "${each.value}",
      end_ip_address: "${each.value}",
    });
    expect(JSON.stringify(access)).not.toContain("0.0.0.0");
  });
});
