import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runReview } from "../../../tools/review/cli";
import type { Finding, FindingKind } from "../../../tools/review/findings";
import { readPolicyReport } from "../../../tools/review/policy-report";
import { buildReview } from "../../../tools/review/review";
import { readSynthDir } from "../../../tools/review/synth-dir";

// risk-base -> risk-changed holds one change for every kind of finding: a queue removed, a
// purge-protected vault renamed, a resource group moved to another region (with a vault, a
// database server and its database inside), a registry replaced (and a grant in another stack
// on it), an identity given a new address without a moved block, a plan renamed with one,
// access opened three ways, grants added, removed and changed, secrets rotated, SKUs and
// autoscale changed, protection removed, an unknown type changed, images rebuilt, and policy
// findings and suppressions added.

const fixture = (name: string) => join(__dirname, "fixtures", name);
const input = (name: string) => {
  const dir = fixture(name);
  const policy = readPolicyReport(dir);
  return { dir, stacks: readSynthDir(dir), ...(policy ? { policy } : {}) };
};
const review = buildReview(input("risk-changed"), input("risk-base"));
const markdown = runReview(["--outdir", fixture("risk-changed"), "--baseline", fixture("risk-base")]).stdout;
const top = markdown.slice(0, markdown.indexOf("<details>"));

function find(kind: FindingKind, name?: string): Finding {
  const found = review.findings.find(
    (finding) => finding.kind === kind && (name === undefined || finding.subject?.name === name),
  );
  if (!found) throw new Error(`no ${kind} finding${name ? ` for ${name}` : ""}`);
  return found;
}

describe("the verdict", () => {
  it("is high risk, with the reasons in the order of the list", () => {
    expect(review.verdict.level).toBe("high risk");
    expect(review.verdict.text).toMatch(
      /^8 stateful resources may lose data, .* 2 rebuilt \(routine\)\. 4 stacks of 4 change\.$/,
    );
  });

  it("orders the list from data loss to routine rebuilds", () => {
    const ranks = review.findings.map((finding) => finding.rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(review.findings[0]?.kind).toBe("destroyed");
    expect(review.findings.at(-1)?.kind).toBe("rebuilt");
    expect(top.indexOf("Destroyed, data lost")).toBeLessThan(top.indexOf("Access opened"));
    expect(top.indexOf("Access opened")).toBeLessThan(top.indexOf("Grant added"));
    expect(top.indexOf("Grant added")).toBeLessThan(top.indexOf("Secret rotated"));
    expect(top.indexOf("Secret rotated")).toBeLessThan(top.indexOf("Cost up"));
    expect(top.indexOf("Cost up")).toBeLessThan(top.indexOf("Suppression added"));
  });
});

describe("destroyed and replaced resources", () => {
  it("marks a removed queue as data loss", () => {
    expect(find("destroyed", "sb-acme-prod/orders")).toMatchObject({
      stack: "acme-prod",
      loss: "the messages waiting in the queue are lost",
    });
    expect(top).toContain(
      "- **Destroyed, data lost** queue `sb-acme-prod/orders` in `acme-prod`: The messages waiting in the queue are lost.",
    );
  });

  it("explains the name lock-out of a replaced purge-protected vault", () => {
    const vault = find("replaced", "kv-acme-prod-config");
    expect(vault.changes).toEqual([
      { path: "name", before: "kv-acme-prod-cfg", after: "kv-acme-prod-config" },
    ]);
    expect(vault.loss).toContain("purge protection keeps the deleted vault's name locked for 90 days");
  });

  it("replaces everything in a resource group that moves region, stateful children called out", () => {
    const group = find("replaced", "rg-acme-data");
    expect(group.changes).toEqual([{ path: "location", before: "westeurope", after: "northeurope" }]);
    expect(
      group.along?.map((child) => [child.subject.label, child.subject.name, Boolean(child.loss)]),
    ).toEqual([
      ["key vault", "kv-acme-data", true],
      ["database server", "psql-acme-data", true],
      ["database", "psql-acme-data/orders", true],
      ["diagnostics", "send-to-log-analytics", false],
    ]);
    expect(top).toContain(
      "  - with it: key vault `kv-acme-data` in `acme-data`: Its secrets go with it, and purge protection keeps the deleted vault's name locked for 30 days",
    );
    expect(top).toContain("  - with it: diagnostics `send-to-log-analytics`");
    // The database is counted on its server's line.
    expect(top).toContain(
      "  - with it: database server `psql-acme-data` and what is in it (1 × database) in `acme-data`: Every database",
    );
    expect(top).not.toContain("with it: database `psql-acme-data/orders`");
  });

  it("replaces a registry on a force-new attribute from the provider's list", () => {
    expect(find("replaced", "cracme")).toMatchObject({
      stack: "acme-shared",
      changes: [{ path: "zone_redundancy_enabled", before: "false", after: "true" }],
      loss: expect.stringContaining("globally unique name is free for anyone to take"),
    });
  });

  it("says a new address without a moved block re-creates the resource; a moved block does not", () => {
    expect(find("replaced", "id-acme-prod-api").note).toContain(
      "its address changed (it was azurerm_user_assigned_identity.api_identity) and no moved block says so",
    );
    const plan = review.diff.stacks
      .find((stack) => stack.name === "acme-prod")
      ?.changed.find((change) => change.address === "azurerm_service_plan.plan_main");
    expect(plan).toMatchObject({
      from: "azurerm_service_plan.plan",
      readdressed: false,
      replacement: "may be replaced",
    });
    // The autoscale setting refers to the moved plan: no change of its own, it follows the plan.
    const autoscale = review.diff.stacks
      .find((stack) => stack.name === "acme-prod")
      ?.changed.find((change) => change.address === "azurerm_monitor_autoscale_setting.autoscale");
    expect(autoscale?.attributes.map((a) => a.path)).toEqual(["profile[0].capacity.maximum"]);
  });

  it("says a resource with a CustomizeDiff may be replaced, and an unknown type's replacement is unknown", () => {
    expect(find("may be replaced", "psql-acme-prod")).toMatchObject({
      loss: expect.stringContaining("every database on it is deleted"),
      along: [expect.objectContaining({ subject: { label: "database", name: "psql-acme-prod/app" } })],
    });
    expect(find("may be replaced", "app-acme-prod-api").note).toBe(
      "the provider decides some replacements at plan time: check the plan",
    );
    expect(find("replacement unknown", "api-identity/grants-propagation").note).toBe(
      "the review has no force-new list for time_sleep: check the plan",
    );
    expect(top).toContain(
      "- **Replacement unknown** (the review has no force-new list for these types: check the plan): wait `api-identity/grants-propagation`",
    );
  });

  it("calls image rebuilds routine, at the end of the list", () => {
    expect(top).toContain(
      "- **Rebuilt** (expected: images are built and pushed again, waits run again): image build `api-image/image`, image push `api-image/push`",
    );
  });

  it("says when destroy protection is removed", () => {
    expect(find("protection removed", "psql-acme-prod/app").changes).toEqual([
      { path: "lifecycle.prevent_destroy", before: "true", after: "(absent)" },
    ]);
  });
});

describe("access", () => {
  it("calls out public network access, a deny rule removed and a firewall rule for the whole internet", () => {
    const opened = review.findings.filter((finding) => finding.kind === "access opened");
    expect(opened.map((finding) => [finding.subject?.name, finding.note, finding.changes[0]])).toEqual([
      [
        "app-acme-prod-api",
        "access restrictions",
        {
          path: "site_config.ip_restriction",
          before: "Allow 203.0.113.0/24, Deny 198.51.100.7/32",
          after: "Allow 203.0.113.0/24",
        },
      ],
      [
        "psql-acme-prod",
        "public network access",
        { path: "public_network_access_enabled", before: "false", after: "true" },
      ],
      [
        "psql-acme-prod/anywhere",
        "addresses let in",
        { path: "start_ip_address", before: "(absent)", after: "the whole internet" },
      ],
    ]);
  });
});

describe("grants", () => {
  it("lists grants added, removed and changed with role, scope and principal", () => {
    expect(top).toContain(
      "- **Grant added** to identity `id-acme-prod-api` in `acme-prod`: `Key Vault Secrets User` on secret `kv-acme-prod/api-key`",
    );
    expect(top).toContain(
      "- **Grant removed** to `11111111-2222-3333-4444-555555555555` in `acme-prod`: `Key Vault Administrator` on key vault `kv-acme-prod`",
    );
    expect(top).toContain(
      "- **Grant changed** `Contributor` on resource group `rg-acme-prod` to `11111111-2222-3333-4444-555555555555` in `acme-prod`: " +
        "`role_definition_name` `Reader` → `Contributor`",
    );
  });

  it("names a scope in another stack through cdktf's cross-stack output", () => {
    expect(top).toContain(
      "- **Grant changed** `AcrPull` on registry `cracme` to identity `id-acme-prod-api` in `acme-prod`",
    );
  });
});

describe("secrets", () => {
  it("reports version bumps of write-only secrets and a regenerated password", () => {
    const rotated = review.findings.filter((finding) => finding.kind === "secret rotated");
    expect(
      rotated.map((finding) => [
        finding.subject?.name,
        finding.changes.map((c) => `${c.path} ${c.before}->${c.after}`),
      ]),
    ).toEqual([
      ["database/administrator-password", ["keepers.version 1->2"]],
      ["kv-acme-prod/api-key", ["value_wo_version 1->2"]],
      ["psql-acme-prod", ["administrator_password_wo_version 1->2"]],
    ]);
  });
});

describe("cost", () => {
  it("gives the direction of SKU and autoscale changes and leaves ignored changes out", () => {
    const cost = review.findings.filter((finding) => finding.kind === "cost");
    expect(
      cost.map((finding) => [finding.subject?.name, finding.cost, finding.changes.map((c) => c.path)]),
    ).toEqual([
      ["asp-acme-prod", "up", ["sku_name"]],
      ["autoscale-acme-prod", "up", ["profile[0].capacity.maximum"]],
      ["psql-acme-prod", "down", ["sku_name"]],
      ["cracme", "up", ["zone_redundancy_enabled"]],
    ]);
    expect(top).toContain("- **Cost up** plan `asp-acme-prod` in `acme-prod`: `sku_name` `P1v3` → `P2v3`.");
    expect(top).toContain("- **Cost down** database server `psql-acme-prod` in `acme-prod`");
  });
});

describe("policy", () => {
  it("lists only what the baseline's report did not have, and stale suppressions", () => {
    const policy = review.findings.filter((finding) => finding.policy);
    expect(policy.map((finding) => [finding.kind, finding.policy?.rule])).toEqual([
      ["policy finding", "APS031"],
      ["suppression added", "APS020"],
      ["stale suppression", "APS001"],
    ]);
  });
});

describe("JSON", () => {
  it("holds the same findings as the Markdown", () => {
    const json = JSON.parse(
      runReview(["--outdir", fixture("risk-changed"), "--baseline", fixture("risk-base"), "--format", "json"])
        .stdout,
    );
    expect(json.findings).toEqual(JSON.parse(JSON.stringify(review.findings)));
    expect(json.verdict).toEqual(review.verdict);
  });
});

describe("the READMEs' excerpts", () => {
  it.each(["tools/review/README.md", "README.md"])(
    "%s: lines of the real report of these fixtures, in its order",
    (file) => {
      const readme = readFileSync(join(__dirname, "../../..", file), "utf8");
      const excerpt = readme.match(
        /<!-- excerpt:start -->\n```markdown\n([\s\S]*?)\n```\n<!-- excerpt:end -->/,
      )?.[1];
      expect(excerpt).toBeDefined();
      let from = 0;
      for (const line of (excerpt ?? "").split("\n").filter((l) => l.trim() !== "")) {
        const at = markdown.indexOf(`${line}\n`, from);
        expect({ line, found: at >= 0 }).toEqual({ line, found: true });
        from = at + line.length;
      }
    },
  );
});
