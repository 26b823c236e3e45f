import { parseCliFlags } from "../../../tools/release/cli-flags";

const subscription = { AZURE_SUBSCRIPTION_ID: "sub-azure" };

describe("parseCliFlags", () => {
  it("applies defaults and takes image tag, app and subscription from the environment", () => {
    const env = {
      IMAGE_TAG: "1.4.2",
      APP_NAME: "shop",
      AZURE_SUBSCRIPTION_ID: "sub-azure",
      ARM_SUBSCRIPTION_ID: "sub-arm",
    };
    expect(parseCliFlags(["--env", "prod"], env)).toEqual({
      flags: {
        env: "prod",
        app: "shop",
        appFrom: "APP_NAME",
        imageTag: "1.4.2",
        subscription: "sub-azure",
        outdir: "cdktf.out",
        dryRun: false,
        rollback: false,
        help: false,
      },
      problems: [],
    });
    expect(parseCliFlags(["--env=prod"], { ARM_SUBSCRIPTION_ID: "sub-arm" }).flags.subscription).toBe(
      "sub-arm",
    );
  });

  it("prefers flags over the environment", () => {
    const { flags, problems } = parseCliFlags(
      [
        "--env=prod",
        "--expect-version=2.0.0",
        "--app=blog",
        "--subscription=sub-flag",
        "--staging-url=https://s.example",
        "--production-url=http://p.example",
        "--resource-group=rg",
        "--app-name=api",
        "--slot=blue",
        "--outdir=out",
        "--settings=release.json",
        "--report-file=report.json",
        "--dry-run",
        "--rollback",
      ],
      { IMAGE_TAG: "1.4.2", APP_NAME: "shop", ...subscription },
    );
    expect(problems).toEqual([]);
    expect(flags).toEqual({
      env: "prod",
      app: "blog",
      appFrom: "--app",
      expectVersion: "2.0.0",
      imageTag: "1.4.2",
      stagingUrl: "https://s.example",
      productionUrl: "http://p.example",
      resourceGroup: "rg",
      appName: "api",
      slot: "blue",
      subscription: "sub-flag",
      outdir: "out",
      settings: "release.json",
      reportFile: "report.json",
      dryRun: true,
      rollback: true,
      help: false,
    });
  });

  it("leaves version, image tag and slot unset when nothing gives them (the synth may)", () => {
    const { flags } = parseCliFlags(["--env", "prod"], { ...subscription, IMAGE_TAG: "" });
    expect([flags.expectVersion, flags.imageTag, flags.slot]).toEqual([undefined, undefined, undefined]);
  });

  it("lists every problem at once", () => {
    const argv = [
      "deploy",
      "--env",
      "--dry-run",
      "--rollback=yes",
      "--stagingUrl",
      "x",
      "--production-url",
      "ftp://p",
    ];
    expect(parseCliFlags([...argv, "--slot", "production", "--outdir"], {}).problems).toEqual([
      "deploy: unexpected argument (flags start with --)",
      "x: unexpected argument (flags start with --)",
      '--env: needs a value, got "--dry-run"',
      '--rollback: takes no value, got "yes"',
      "--stagingUrl: unknown flag (see --help)",
      "--outdir: needs a value",
      '--production-url: "ftp://p" is not an http(s) URL',
      '--slot: "production" cannot be swapped with itself',
      "--subscription: missing; pass it or set AZURE_SUBSCRIPTION_ID or ARM_SUBSCRIPTION_ID",
    ]);
  });

  it("requires --env, and a subscription unless it is a dry run", () => {
    expect(parseCliFlags([], subscription).problems).toEqual([
      "--env: missing; name the environment, e.g. --env prod",
    ]);
    expect(parseCliFlags(["--env", "prod", "--dry-run"], {}).problems).toEqual([]);
  });
});
