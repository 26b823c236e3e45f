import { runGate } from "../../../tools/release/gates";

describe("tools/release/gates", () => {
  const node = process.execPath;
  const gate = (script: string, timeoutSeconds = 10) => ({
    name: "test",
    command: node,
    args: ["-e", script],
    timeoutSeconds,
  });

  describe("runGate with real subprocesses", () => {
    const checksUrls =
      "process.exit(process.env.TARGET_URL === 'https://shop-staging.example' && process.env.STAGING_URL === process.env.TARGET_URL ? 0 : 9)";

    it("passes the staging URL in TARGET_URL and STAGING_URL", async () => {
      expect(await runGate(gate(checksUrls), "https://shop-staging.example")).toEqual({
        ok: true,
        detail: `${node} exited 0`,
      });
      expect(await runGate(gate(checksUrls), "https://elsewhere.example")).toEqual({
        ok: false,
        detail: `${node} exited with 9`,
      });
    });

    it("fails on a non-zero exit", async () => {
      expect((await runGate(gate("process.exit(1)"), "http://x")).detail).toBe(`${node} exited with 1`);
    });

    it("kills a gate that runs past its timeout", async () => {
      // The gate would run for 10 minutes: resolving at all shows it was killed.
      const outcome = await runGate(gate("setTimeout(() => {}, 600000)", 0.3), "http://x");
      expect(outcome).toEqual({ ok: false, detail: "timed out after 0.3 s" });
    });

    it("fails when the command does not exist", async () => {
      const outcome = await runGate(
        { name: "missing", command: "no-such-gate-binary", args: [], timeoutSeconds: 5 },
        "x",
      );
      expect(outcome.ok).toBe(false);
      expect(outcome.detail).toContain(
        "could not start no-such-gate-binary: spawn no-such-gate-binary ENOENT",
      );
    });
  });
});
