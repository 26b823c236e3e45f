import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terraformLiteral, terraformLiterals } from "../../stacks/terraform-literal";
import { baseConfig, loadFrom } from "../config/config-fixtures";
import { resourceAt, synthPlatform } from "./platform-fixture";

const TERRAFORM = "/usr/local/bin/terraform";

/** Config text a new user might write, meant as text: each would be a live expression or directive. */
const INPUTS = {
  setting: 'hello ${file("/etc/hostname")}',
  envSetting: "${var.api_key}",
  tagKey: "team-${path.module}",
  tagValue: "owner-${path.module}",
  directive: "%{ if true }yes%{ endif } and $${already} and %%{escaped}",
  webhook: "https://hooks.example/a/${path.cwd}",
} as const;

describe("terraformLiteral / terraformLiterals", () => {
  test("doubles the template introducers and nothing else", () => {
    expect(terraformLiteral("plain $ and % and {x}")).toBe("plain $ and % and {x}");
    expect(terraformLiteral("${a} %{b}")).toBe("$${a} %%{b}");
    expect(terraformLiteral("$${a}")).toBe("$$${a}");
  });

  test("escapes strings and object keys deep inside, leaves other values alone", () => {
    expect(terraformLiterals({ "k${x}": ["v%{y}", 1, true, null, { n: "${z}" }] })).toEqual({
      "k$${x}": ["v%%{y}", 1, true, null, { n: "$${z}" }],
    });
  });
});

describe("configured strings land in the JSON as literals, references stay references", () => {
  const config = baseConfig();
  config.app.tags = { [INPUTS.tagKey]: INPUTS.tagValue };
  config.api = { settings: { GREETING: INPUTS.setting, NOTE: INPUTS.directive } };
  config.environments.prod.settings = { FORWARDED: INPUTS.envSetting };
  config.environments.prod.monitoring = { alerts: true, webhooks: [INPUTS.webhook] };
  const synth = synthPlatform(loadFrom(config, { IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
  const prod = synth.stacks["shop-prod"];
  const app = resourceAt(prod, "azurerm_linux_web_app", "api/app");
  const actionGroup = Object.values(prod.resource.azurerm_monitor_action_group)[0] as any;

  /** The synthesized strings whose Terraform value must be the config's text, by what they are. */
  const synthesized = {
    setting: app.app_settings.GREETING,
    envSetting: app.app_settings.FORWARDED,
    directive: app.app_settings.NOTE,
    tagKey: Object.keys(app.tags).find((key) => key.startsWith("team-")) as string,
    tagValue: Object.values(app.tags).find((value: any) => String(value).startsWith("owner-")) as string,
    webhook: actionGroup.webhook_receiver[0].service_uri,
  };

  test("the platform's own references are still live", () => {
    expect(app.service_plan_id).toMatch(/^\$\{azurerm_service_plan\.[\w-]+\.id\}$/);
    expect(app.app_settings.AZURE_CLIENT_ID).toMatch(
      /^\$\{azurerm_user_assigned_identity\.[\w-]+\.client_id\}$/,
    );
  });

  test("no configured string reaches Terraform as an expression", () => {
    for (const text of Object.values(synthesized)) expect(text).not.toMatch(/(^|[^$])\$\{(?!azurerm_)/);
  });

  // The real Terraform decides: a configuration with only locals and outputs needs no provider,
  // so `terraform init` and `apply` run offline with local state in a temporary folder.
  const run = existsSync(TERRAFORM) ? test : test.skip;
  if (!existsSync(TERRAFORM))
    console.warn(`skipped: ${TERRAFORM} is not installed (the round trip needs Terraform 1.11)`);
  run("Terraform 1.11 evaluates each synthesized value to exactly the configured text", () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-literal-"));
    try {
      writeFileSync(
        join(dir, "main.tf.json"),
        JSON.stringify({
          output: Object.fromEntries(Object.entries(synthesized).map(([name, value]) => [name, { value }])),
        }),
      );
      // An empty CLI configuration: nothing of this machine's Terraform set-up takes part.
      writeFileSync(join(dir, "cli.tfrc"), "");
      const env = {
        ...process.env,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
        TF_INPUT: "0",
        TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"),
      };
      for (const args of [
        ["init", "-no-color"],
        ["apply", "-auto-approve", "-no-color"],
      ]) {
        const result = spawnSync(TERRAFORM, args, { cwd: dir, env, encoding: "utf8" });
        expect({ args, status: result.status, stderr: result.stderr }).toEqual({
          args,
          status: 0,
          stderr: "",
        });
      }
      const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8"));
      const outputs = Object.fromEntries(
        Object.entries(state.outputs as Record<string, { value: string }>).map(([name, o]) => [
          name,
          o.value,
        ]),
      );
      expect(outputs).toEqual(INPUTS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
