import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ValidationError, validateWorkflow } from "@action-validator/core";
import { loadConfig } from "../../config/load-config";

// The workflows are checked against the GitHub Actions workflow schema (SchemaStore) by
// action-validator's WebAssembly build: offline, no binary download, no network.

const workflowsDir = join(__dirname, "..", "..", ".github", "workflows");
const workflowFiles = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

function read(name: string): string {
  return readFileSync(join(workflowsDir, name), "utf8");
}

/** One line per leaf error, nested one_of/any_of states included, for a readable failure. */
function describeErrors(errors: readonly ValidationError[], indent = ""): string[] {
  return errors.flatMap((error) => {
    const path = "path" in error ? error.path : "";
    const line = `${indent}${error.code} ${path}: ${error.detail ?? error.title}`;
    const nested = "states" in error && error.states ? error.states : [];
    return [line, ...nested.flatMap((state) => describeErrors(state.errors, `${indent}  `))];
  });
}

function validate(source: string): string[] {
  return describeErrors(validateWorkflow(source).errors);
}

/** The `uses:` references of a workflow, e.g. "actions/checkout@v4". */
function actionRefs(source: string): string[] {
  return [...source.matchAll(/^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/gm)].map((match) => match[1]);
}

describe("GitHub Actions workflows", () => {
  it("has the ci and deploy workflows", () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(["ci.yml", "deploy.yml"]));
  });

  describe.each(workflowFiles)("%s", (name) => {
    const source = read(name);

    it("is valid against the GitHub Actions workflow schema", () => {
      expect(validate(source)).toEqual([]);
    });

    it("pins every action to a version tag or a commit SHA", () => {
      const refs = actionRefs(source);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    });

    it("declares least-privilege permissions for the workflow and for every job", () => {
      expect(source).toMatch(/^permissions:/m);
      const jobs = source.match(/^ {4}runs-on:/gm) ?? [];
      const jobPermissions = source.match(/^ {4}permissions:/gm) ?? [];
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobPermissions).toHaveLength(jobs.length);
      expect(source).not.toMatch(/write-all/);
    });

    it("disables cdktf's telemetry checkpoint", () => {
      expect(source).toMatch(/^ {2}CHECKPOINT_DISABLE: "1"$/m);
    });
  });

  describe("the validator really validates", () => {
    it("rejects a job without runs-on and with an unknown key", () => {
      const errors = validate(
        [
          "on: push",
          "jobs:",
          "  build:",
          "    steps:",
          "      - run: echo hi",
          "    bogus-key: true",
          "",
        ].join("\n"),
      );
      expect(errors.join("\n")).toMatch(/\/jobs\/build\/runs-on/);
      expect(errors.join("\n")).toMatch(/Additional property 'bogus-key' is not allowed/);
    });

    it("rejects an unknown permission level", () => {
      const errors = validate(
        [
          "on: push",
          "permissions:",
          "  id-token: admin",
          "jobs:",
          "  build:",
          "    runs-on: ubuntu-latest",
          "    steps:",
          "      - run: echo hi",
          "",
        ].join("\n"),
      );
      expect(errors.join("\n")).toMatch(/\/permissions/);
    });

    it("rejects a dependency on a job that does not exist", () => {
      const errors = validate(
        [
          "on: push",
          "jobs:",
          "  build:",
          "    runs-on: ubuntu-latest",
          "    needs: test",
          "    steps:",
          "      - run: echo",
          "",
        ].join("\n"),
      );
      expect(errors.join("\n")).toMatch(/unresolved job test/);
    });

    it("rejects malformed YAML", () => {
      expect(validate("on: [push\njobs: {}\n").join("\n")).toMatch(/parse_error/);
    });
  });

  describe("ci.yml", () => {
    const ci = read("ci.yml");

    it("runs on pull requests and pushes to main, cancelling superseded runs", () => {
      expect(ci).toMatch(/^ {2}pull_request:/m);
      expect(ci).toMatch(/^ {2}push:\n {4}branches: \[main\]/m);
      expect(ci).toMatch(/cancel-in-progress: true/);
    });

    it("type checks, lints, tests, synthesizes and keeps cdktf.out", () => {
      const order = ["npm ci", "npm run typecheck", "npm run lint", "npm run jest", "npm run synth"].map(
        (command) => ci.indexOf(`run: ${command}`),
      );
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(ci).toMatch(/path: cdktf\.out/);
    });

    it("posts the review only on pull requests and only when the review tool exists", () => {
      expect(ci).toMatch(
        /if: github\.event_name == 'pull_request' && hashFiles\('tools\/review\/\*\*'\) != ''\n\s+run: \|\n\s+npm run --silent review > review\.md/,
      );
      // Only the job that posts the comment can write to pull requests, and it runs no project code.
      expect(ci.match(/pull-requests: write/g)).toHaveLength(1);
      const commentJob = ci.slice(ci.indexOf("  review-comment:"));
      expect(commentJob).not.toMatch(/npm |actions\/checkout/);
    });
  });

  describe("deploy.yml", () => {
    const deploy = read("deploy.yml");

    it("requests an OIDC token and reads only the repository", () => {
      expect(deploy).toMatch(/^ {6}id-token: write$/m);
      expect(deploy).toMatch(/^ {6}contents: read$/m);
    });

    it("logs in to Azure with OIDC, never with a client secret or a credentials JSON", () => {
      expect(deploy).toMatch(/uses: azure\/login@v2/);
      expect(deploy).toMatch(/client-id: \$\{\{ vars\.AZURE_CLIENT_ID \}\}/);
      expect(deploy).toMatch(/tenant-id: \$\{\{ vars\.AZURE_TENANT_ID \}\}/);
      expect(deploy).toMatch(/subscription-id: \$\{\{ vars\.AZURE_SUBSCRIPTION_ID \}\}/);
      expect(deploy).not.toMatch(/client-secret/);
      expect(deploy).not.toMatch(/creds:/);
      expect(deploy).not.toMatch(/ARM_CLIENT_SECRET|secrets\.AZURE_/);
      expect(deploy).toMatch(/ARM_USE_OIDC: "true"/);
    });

    it("installs Terraform >= 1.11 without the wrapper", () => {
      const version = deploy.match(/terraform_version: "?(\d+)\.(\d+)\.\d+"?/);
      expect(version).not.toBeNull();
      const [major, minor] = [Number(version?.[1]), Number(version?.[2])];
      expect(major > 1 || (major === 1 && minor >= 11)).toBe(true);
      expect(deploy).toMatch(/terraform_wrapper: false/);
    });

    it("builds the image, then deploys the environment, then releases", () => {
      const steps = [
        // Shell variables, not template placeholders.
        `npx cdktf deploy "\${APP_NAME}-shared" --auto-approve`,
        "az acr login",
        `npx cdktf deploy "\${APP_NAME}-image" --auto-approve`,
        `npx cdktf deploy "\${APP_NAME}-\${TARGET_ENV}" --auto-approve`,
        'npm run release -- --env "$TARGET_ENV"',
      ].map((step) => deploy.indexOf(step));
      expect(steps.every((index) => index >= 0)).toBe(true);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
      expect(deploy).toMatch(/IMAGE_TAG: \$\{\{ github\.sha \}\}/);
      expect(deploy).toMatch(/if: hashFiles\('tools\/release\/\*\*'\) != ''/);
    });

    it("keeps state in HCP Terraform: the organization from a variable, its token from a secret, a stop without it", () => {
      expect(deploy).toMatch(/^ {6}TFC_ORGANIZATION: \$\{\{ vars\.TFC_ORGANIZATION \}\}$/m);
      expect(deploy).toMatch(/^ {6}TFC_WORKSPACE_PREFIX: \$\{\{ vars\.TFC_WORKSPACE_PREFIX \}\}$/m);
      expect(deploy).toMatch(/cli_config_credentials_token: \$\{\{ secrets\.TF_API_TOKEN \}\}/);
      // The guard runs before anything else and fails the job when no organization is set.
      const guard = deploy.indexOf('if [ -z "${TFC_ORGANIZATION:-}" ]; then');
      expect(guard).toBeGreaterThan(0);
      expect(guard).toBeLessThan(deploy.indexOf("actions/checkout@"));
      expect(deploy.slice(guard, deploy.indexOf("fi", guard))).toMatch(/exit 1/);
    });

    it("signs in as the bootstrap's deployer identity and reads no app secret from GitHub", () => {
      // The header tells where the Azure variables come from: the bootstrap stack's outputs.
      for (const output of ["deployer_client_id", "azure_tenant_id", "azure_subscription_id"]) {
        expect(deploy).toContain(output);
      }
      expect(deploy).toMatch(/GITHUB_REPOSITORY=<owner>\/<repo>/);
      expect(deploy).toMatch(/ARM_RESOURCE_PROVIDER_REGISTRATIONS: none/);
      // Remote runs read app secrets from their workspace's sensitive variables.
      expect(deploy).not.toMatch(/TF_VAR_/);
      expect([...deploy.matchAll(/secrets\.(\w+)/g)].map((match) => match[1])).toEqual(["TF_API_TOKEN"]);
    });

    it("runs in the GitHub environments the bootstrap trusts: the configured environments", () => {
      const options = deploy
        .match(/options: \[([^\]]*)\]/)?.[1]
        .split(",")
        .map((option) => option.trim());
      expect(options).toEqual(Object.keys(loadConfig({}).environments));
    });

    it("opens a public database to the environment after deploying it; logins are applied where the server is reachable", () => {
      const order = [
        `npx cdktf deploy "\${APP_NAME}-\${TARGET_ENV}" --auto-approve`,
        `npx cdktf deploy "\${APP_NAME}-\${TARGET_ENV}-access"`,
        "npm run release",
      ].map((step) => deploy.indexOf(step));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // A GitHub-hosted runner passes neither the server's firewall nor its private network.
      expect(deploy).not.toMatch(/cdktf deploy "\$\{APP_NAME\}-\$\{TARGET_ENV\}-database-roles"/);
      expect(deploy).toMatch(/database-roles\) need a connection to the server[\s\S]*docs\/database\.md/);
    });

    it("deploys dev on push, the chosen environment on dispatch, behind a GitHub environment", () => {
      expect(deploy).toMatch(/options: \[dev, prod\]/);
      expect(deploy).toMatch(/environment: \$\{\{ inputs\.environment \|\| 'dev' \}\}/);
      expect(deploy).toMatch(/APP_NAME: \$\{\{ vars\.APP_NAME \|\| 'contoso' \}\}/);
      expect(deploy).toMatch(/cancel-in-progress: false/);
    });
  });
});
