import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildContextFiles, buildContextHash } from "../../constructs/build-context";

describe("constructs/build-context", () => {
  const DOCKERIGNORE = [
    "# build output and caches",
    "**/__pycache__",
    "*.md",
    "!keep.md",
    "node_modules",
    "build/",
    "docs/*.txt",
    "",
    "*.log",
    "Dockerfile",
  ].join("\n");

  const FILES: Record<string, string> = {
    Dockerfile: "FROM python:3.12-slim\n",
    ".dockerignore": DOCKERIGNORE,
    "app/main.py": "print('hi')\n",
    "app/__pycache__/main.cpython-312.pyc": "bytecode",
    "app/deep/__pycache__/x.pyc": "bytecode",
    "__pycache__/root.pyc": "bytecode",
    "README.md": "# readme",
    "keep.md": "kept",
    "app/NOTES.md": "a nested .md: *.md matches the root only",
    "node_modules/pkg/index.js": "module.exports = 1;",
    "build/out.bin": "binary",
    "docs/a.txt": "ignored",
    "docs/a.rst": "kept",
    "docs/sub/b.txt": "kept: * does not cross /",
    "server.log": "log",
    "requirements.txt": "fastapi\n",
  };

  const dirs: string[] = [];

  function context(files: Record<string, string> = FILES): string {
    const dir = mkdtempSync(join(tmpdir(), "build-context-"));
    dirs.push(dir);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    return dir;
  }

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe("buildContextFiles", () => {
    test("honours .dockerignore: **/ patterns, root-only *, negation, directories, comments", () => {
      expect(buildContextFiles(context())).toEqual([
        ".dockerignore",
        "Dockerfile",
        "app/NOTES.md",
        "app/main.py",
        "docs/a.rst",
        "docs/sub/b.txt",
        "keep.md",
        "requirements.txt",
      ]);
    });

    test("without .dockerignore every file is sent, sorted, with '/' separators", () => {
      expect(buildContextFiles(context({ Dockerfile: "FROM x", "b/c.txt": "c", "a.txt": "a" }))).toEqual([
        "Dockerfile",
        "a.txt",
        "b/c.txt",
      ]);
    });

    test("the last matching pattern wins, and a negation can re-include a file inside an ignored directory", () => {
      const dir = context({
        Dockerfile: "FROM x",
        ".dockerignore": "assets\n!assets/logo.svg\n*.tmp\n!*.tmp\n*.tmp",
        "assets/logo.svg": "<svg/>",
        "assets/big.png": "png",
        "scratch.tmp": "tmp",
      });
      expect(buildContextFiles(dir)).toEqual([".dockerignore", "Dockerfile", "assets/logo.svg"]);
    });

    test("supports ?, [...] and a trailing ** in patterns", () => {
      const dir = context({
        Dockerfile: "FROM x",
        ".dockerignore": "file?.txt\n[ab].cfg\ncache/**",
        "file1.txt": "",
        "file10.txt": "",
        "a.cfg": "",
        "c.cfg": "",
        "cache/x/y": "",
      });
      expect(buildContextFiles(dir)).toEqual([".dockerignore", "Dockerfile", "c.cfg", "file10.txt"]);
    });
  });

  describe("buildContextHash", () => {
    test("is a sha256 hex digest, the same for the same files in different directories", () => {
      const hash = buildContextHash(context());
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(buildContextHash(context())).toBe(hash);
    });

    test("one changed byte in a sent file gives a new hash", () => {
      const base = buildContextHash(context());
      expect(buildContextHash(context({ ...FILES, "app/main.py": "print('hI')\n" }))).not.toBe(base);
    });

    test("a renamed or added sent file gives a new hash", () => {
      const base = buildContextHash(context());
      const { "requirements.txt": requirements, ...rest } = FILES;
      expect(buildContextHash(context({ ...rest, "requirements.in": requirements }))).not.toBe(base);
      expect(buildContextHash(context({ ...FILES, "app/util.py": "" }))).not.toBe(base);
    });

    test("a change to an ignored file, or a new ignored file, keeps the hash", () => {
      const base = buildContextHash(context());
      expect(buildContextHash(context({ ...FILES, "README.md": "# changed" }))).toBe(base);
      expect(buildContextHash(context({ ...FILES, "app/__pycache__/main.cpython-312.pyc": "other" }))).toBe(
        base,
      );
      expect(buildContextHash(context({ ...FILES, "node_modules/pkg/new.js": "x" }))).toBe(base);
      expect(buildContextHash(context({ ...FILES, "build/more/out2.bin": "x" }))).toBe(base);
    });

    test("the Dockerfile and .dockerignore always count, even when .dockerignore lists them", () => {
      const base = buildContextHash(context());
      expect(buildContextHash(context({ ...FILES, Dockerfile: "FROM python:3.13-slim\n" }))).not.toBe(base);
      expect(
        buildContextHash(context({ ...FILES, ".dockerignore": `${DOCKERIGNORE}\n.dockerignore` })),
      ).not.toBe(base);
    });

    test("file boundaries count: moving a byte from one file to the next gives a new hash", () => {
      const a = buildContextHash(context({ Dockerfile: "FROM x", "a.txt": "ab", "b.txt": "c" }));
      const b = buildContextHash(context({ Dockerfile: "FROM x", "a.txt": "a", "b.txt": "bc" }));
      expect(a).not.toBe(b);
    });
  });
});
