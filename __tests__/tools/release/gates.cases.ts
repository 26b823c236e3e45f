import { runGate } from "../../../tools/release/gates";

describe("tools/release/gates", () => {
  // A shell as the gate program: a process of its own, started in a millisecond or two.
  const sh = "/bin/sh";
  const gate = (script: string, timeoutSeconds = 10) => ({
    name: "test",
    command: sh,
    args: ["-c", script],
    timeoutSeconds,
  });

  describe("runGate with real subprocesses", () => {
    const checksUrls =
      '[ "$TARGET_URL" = https://shop-staging.example ] && [ "$STAGING_URL" = "$TARGET_URL" ] || exit 9';

    it("passes the staging URL in TARGET_URL and STAGING_URL", async () => {
      expect(await runGate(gate(checksUrls), "https://shop-staging.example")).toEqual({
        ok: true,
        detail: `${sh} exited 0`,
      });
      expect(await runGate(gate(checksUrls), "https://elsewhere.example")).toEqual({
        ok: false,
        detail: `${sh} exited with 9`,
      });
    });

    it("fails on a non-zero exit", async () => {
      expect((await runGate(gate("exit 1"), "http://x")).detail).toBe(`${sh} exited with 1`);
    });

    it("kills a gate that runs past its timeout", async () => {
      // The gate would run for 10 minutes: resolving at all shows it was killed.
      const outcome = await runGate(gate("exec sleep 600", 0.3), "http://x");
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
