import { expressionNames, templateSequences } from "../../policies/terraform-template";
import { baseConfig, loadFrom } from "../config/config-fixtures";
import { findingsOf, policyReportFor, policyReportForJson } from "./policy-fixture";

describe("templateSequences reads strings as Terraform's template parser does", () => {
  test("escapes are text; other introducers open an expression to the matching brace", () => {
    expect(templateSequences("a $${x} %%{y} b")).toEqual([]);
    expect(templateSequences('x ${f("}")} %{ if c }y%{ endif } $$${z}')).toEqual([
      { kind: "interpolation", expression: 'f("}")' },
      { kind: "directive", expression: " if c " },
      { kind: "directive", expression: " endif " },
    ]);
    // "$$${z}" is "$" then the escape "$${": the text "$${z}", which is what terraformLiteral("$${z}") means.
  });

  test("expressionNames: references by address, function calls, names in strings ignored", () => {
    expect(expressionNames('element(split(":", trimprefix(azurerm_x.a-b_1.endpoint, "var.no")), 0)')).toEqual(
      {
        references: ["azurerm_x.a-b_1"],
        functions: ["element", "split", "trimprefix"],
      },
    );
    expect(expressionNames("data.t.n.attr[0]").references).toEqual(["data.t.n"]);
    expect(expressionNames("var.api_key").references).toEqual(["var.api_key"]);
  });
});

describe("APS040: an interpolation must refer to what the stack defines", () => {
  test("the default platform and its own references pass", () => {
    expect(findingsOf(policyReportForJson()).filter((f) => f.startsWith("APS040"))).toEqual([]);
  });

  test("hostile config text is escaped at the boundary, so the rule stays silent", () => {
    const config = baseConfig();
    config.app.tags = { "team-${path.module}": "%{ if true }x%{ endif }" };
    config.api = { settings: { GREETING: 'hello ${file("/etc/hostname")}', OTHER: "${var.api_key}" } };
    const report = policyReportForJson(() => {}, loadFrom(config, { IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
    expect(findingsOf(report).filter((f) => f.startsWith("APS040"))).toEqual([]);
  });

  test("a live expression put in by an escape hatch is an error: no reference, an unknown one, a directive, a file read", () => {
    const report = policyReportFor(({ environments }) => {
      const app = environments[0].api.resource;
      app.addOverride("app_settings.HOST", '${file("/etc/hostname")}');
      app.addOverride("app_settings.MODULE", "${path.module}");
      app.addOverride("app_settings.LOOP", "%{ for x in [1] }${x}%{ endfor }");
      app.addOverride("tags.owner", "${var.not_declared}");
      app.addOverride("app_settings.READ", "${file(azurerm_service_plan.nope.id)}");
    });
    const messages = report.errors.filter((f) => f.rule === "APS040").map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('interpolation ${file("/etc/hostname")} refers to nothing the stack defines'),
        expect.stringContaining("interpolation refers to path.module, which the stack does not define"),
        expect.stringContaining("template directive %{ for x in [1] }"),
        expect.stringContaining("interpolation refers to var.not_declared, which the stack does not define"),
        expect.stringContaining("interpolation calls file(), which reads the machine Terraform runs on"),
      ]),
    );
    expect(report.errors.every((f) => f.rule !== "APS040" || f.path === "contoso-prod/api/app")).toBe(true);
  });
});

describe("APS012: an access-policy vault cannot isolate slots", () => {
  test("is a warning the synth prints and the review shows, and RBAC (the default) is silent", () => {
    expect(findingsOf(policyReportForJson()).filter((f) => f.startsWith("APS012"))).toEqual([]);
    const config = baseConfig();
    config.environments.prod.vault = { authorization: "accessPolicy" };
    const report = policyReportForJson(() => {}, loadFrom(config, { IMAGE_TAG: "v1", IMAGE_BUILD: "false" }));
    expect(report.errors.filter((f) => f.rule === "APS012")).toEqual([]);
    expect(report.warnings.filter((f) => f.rule === "APS012").map((f) => f.path)).toEqual([
      "shop-prod/vault/vault",
    ]);
    expect(report.warnings[0].message).toContain("slots are not isolated by permission");
  });
});
