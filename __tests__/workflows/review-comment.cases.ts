import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";

// The review in CI: the base branch's synth as the baseline, the report in the job summary, and
// one pull-request comment that every push updates. The comment script runs here for real, with
// a fake `gh` that answers from a list of comments (real `jq` evaluates the script's filter).

const ci = readFileSync(join(__dirname, "..", "..", ".github", "workflows", "ci.yml"), "utf8");

/** The lines of the job `name`, up to the next job. */
function job(name: string): string {
  const start = ci.indexOf(`\n  ${name}:\n`);
  expect(start).toBeGreaterThan(0);
  const next = ci.slice(start + 1).search(/\n {2}[\w-]+:\n/);
  return next === -1 ? ci.slice(start) : ci.slice(start, start + 1 + next);
}

/** The `run: |` script of the step called `name`, dedented. */
function script(name: string): string {
  const lines = ci.split("\n");
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  expect(start).toBeGreaterThan(0);
  const runAt = lines.findIndex((line, i) => i > start && /^\s+run: \|$/.test(line));
  const indent = (lines[runAt]?.match(/^\s*/)?.[0].length ?? 0) + 2;
  const body: string[] = [];
  for (const line of lines.slice(runAt + 1)) {
    if (line.trim() !== "" && (line.match(/^\s*/)?.[0].length ?? 0) < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n");
}

describe("ci.yml's synth review", () => {
  it("is valid against the GitHub Actions workflow schema", () => {
    expect(validateWorkflow(ci).errors).toEqual([]);
  });

  it("pins every action to a full commit SHA, with the version in a comment", () => {
    const uses = [...ci.matchAll(/uses: (\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it("synthesizes the base branch as the baseline, without failing the pull request when it cannot", () => {
    const test = job("test");
    expect(test).toContain("ref: ${{ github.event.pull_request.base.sha }}\n          path: .review-base");
    expect(test).toMatch(
      /id: base\n\s+if: .*\n\s+continue-on-error: true\n\s+working-directory: \.review-base\n\s+run: \|\n\s+npm ci --no-audit --no-fund\n\s+npm run synth\n/,
    );
    expect(test).toContain(
      "BASELINE: ${{ steps.base.outcome == 'success' && '.review-base/cdktf.out' || '' }}",
    );
  });

  it("writes only the report into review.md, with the baseline, and into the job summary", () => {
    const review = script("Synth review");
    expect(review).toMatch(
      /^npm run --silent review > review\.md -- \$\{BASELINE:\+--baseline "\$BASELINE"\}\n/,
    );
    expect(review).toContain('cat review.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it("posts from a job that can write to pull requests only, and runs no project code", () => {
    const comment = job("review-comment");
    expect(comment).toMatch(/permissions:\n\s+pull-requests: write\n\s+steps:/);
    expect(comment).not.toMatch(/npm |actions\/checkout|gh pr comment/);
    expect(comment).toContain("name: synth-review");
  });
});

const hasTools = ["bash", "jq"].every((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0);

(hasTools ? describe : describe.skip)("the comment script (needs bash and jq; skipped without them)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "review-comment-"));
    writeFileSync(
      join(dir, "gh"),
      [
        "#!/usr/bin/env bash",
        'echo "$*" >> "$GH_LOG"',
        'if [ "$2" = "--paginate" ]; then jq -r "$5" "$GH_COMMENTS"; exit 0; fi',
        'for arg in "$@"; do case "$arg" in body=@*) cp "${arg#body=@}" "$GH_BODY";; esac; done',
        "",
      ].join("\n"),
    );
    chmodSync(join(dir, "gh"), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the step in `dir` with `review.md` and the pull request's comments; returns the calls and the body sent. */
  function post(review: string, comments: object[]): { calls: string[]; body: string } {
    writeFileSync(join(dir, "review.md"), review);
    writeFileSync(join(dir, "comments.json"), JSON.stringify(comments));
    const result = spawnSync(
      "bash",
      ["--noprofile", "--norc", "-e", "-c", script("Post or update the review comment")],
      {
        cwd: dir,
        encoding: "utf8",
        env: {
          PATH: `${dir}:${process.env.PATH}`,
          HOME: dir,
          GH_LOG: join(dir, "calls.log"),
          GH_COMMENTS: join(dir, "comments.json"),
          GH_BODY: join(dir, "sent.md"),
          GITHUB_REPOSITORY: "acme/platform",
          PR_NUMBER: "7",
          MARKER: "<!-- synth-review -->",
        },
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return {
      calls: readFileSync(join(dir, "calls.log"), "utf8").trim().split("\n"),
      body: readFileSync(join(dir, "sent.md"), "utf8"),
    };
  }

  const bot = { login: "github-actions[bot]" };

  it("updates this workflow's earlier comment, found by its marker", () => {
    const { calls, body } = post("## Synth review: low risk\n", [
      { id: 11, user: { login: "octocat" }, body: "<!-- synth-review --> quoted by a person" },
      { id: 12, user: bot, body: "another bot comment" },
      { id: 13, user: bot, body: "<!-- synth-review -->\n## Synth review: high risk\n" },
    ]);
    expect(calls[1]).toBe("api --method PATCH repos/acme/platform/issues/comments/13 -F body=@body.md");
    expect(body).toBe("<!-- synth-review -->\n## Synth review: low risk\n");
  });

  it("adds the comment on the first push", () => {
    const { calls } = post("## Synth review: low risk\n", [{ id: 11, user: bot, body: "unrelated" }]);
    expect(calls).toEqual([
      expect.stringMatching(/^api --paginate repos\/acme\/platform\/issues\/7\/comments --jq /),
      "api --method POST repos/acme/platform/issues/7/comments -F body=@body.md",
    ]);
  });

  it("cuts a review over GitHub's limit at a line end and says where the rest is", () => {
    const line = `- ${"x".repeat(97)} →\n`;
    const { body } = post(line.repeat(1000), []);
    expect(body.length).toBeLessThan(65_536);
    expect(body.startsWith("<!-- synth-review -->\n")).toBe(true);
    expect(body).toMatch(
      /→\n\n\n_Truncated: the full review is in the job summary and the "synth-review" artifact\._\n$/,
    );
  });
});
