import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, ZIP_MAX_ENTRIES, zipFiles } from "../../../constructs/zip-package";
import { readZip } from "./zip";

describe("constructs/data/zip-package", () => {
  const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function roundTrip(zip: Buffer): Map<string, Buffer> {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.zip`);
    writeFileSync(file, zip);
    return readZip(file);
  }

  describe("zipFiles", () => {
    test("crc32 matches the standard check value and known vectors", () => {
      expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
      expect(crc32(Buffer.alloc(0))).toBe(0);
      expect(crc32(Buffer.from("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
    });

    test("round trip: names and bytes come back, compressible files deflated, tiny ones stored", () => {
      const big = Buffer.from("console.log('hello');\n".repeat(200));
      const zip = zipFiles([
        { name: "dist/index.html", data: Buffer.from("<h1>hi</h1>") },
        { name: "dist/assets/app.js", data: big },
        { name: "dist/empty.txt", data: Buffer.alloc(0) },
        { name: "dist/ünïcode.txt", data: Buffer.from([0, 255, 1]) },
      ]);
      const files = roundTrip(zip);
      expect([...files.keys()]).toEqual([
        "dist/assets/app.js",
        "dist/empty.txt",
        "dist/index.html",
        "dist/ünïcode.txt",
      ]);
      expect(files.get("dist/assets/app.js")).toEqual(big);
      expect(files.get("dist/index.html")?.toString()).toBe("<h1>hi</h1>");
      expect(files.get("dist/empty.txt")).toEqual(Buffer.alloc(0));
      expect(files.get("dist/ünïcode.txt")).toEqual(Buffer.from([0, 255, 1]));
      expect(zip.length).toBeLessThan(big.length);
      // Compression method of each central directory entry: deflate for app.js, stored for the rest.
      const methods: number[] = [];
      for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; ) {
        methods.push(zip.readUInt16LE(at + 10));
        at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 46);
      }
      expect(methods).toEqual([8, 0, 0, 0]);
    });

    test("reproducible: the same files in any order give the same bytes; a rename or an edit does not", () => {
      const a = { name: "dist/a.js", data: Buffer.from("a") };
      const b = { name: "dist/b.js", data: Buffer.from("b") };
      expect(zipFiles([a, b]).equals(zipFiles([b, a]))).toBe(true);
      expect(zipFiles([a, b]).equals(zipFiles([a, { ...b, name: "dist/c.js" }]))).toBe(false);
      expect(zipFiles([a, b]).equals(zipFiles([a, { ...b, data: Buffer.from("B") }]))).toBe(false);
    });

    test("fixed timestamps (1980-01-01 00:00) and UTF-8 name flag in every header", () => {
      const zip = zipFiles([{ name: "x", data: Buffer.from("x") }]);
      expect(zip.readUInt16LE(6)).toBe(0x0800);
      expect(zip.readUInt16LE(10)).toBe(0);
      expect(zip.readUInt16LE(12)).toBe(0x21);
    });

    test("refuses more entries than zip without zip64 can hold", () => {
      const entries = Array.from({ length: ZIP_MAX_ENTRIES + 1 }, (_, i) => ({
        name: `f${i}`,
        data: Buffer.alloc(0),
      }));
      expect(() => zipFiles(entries)).toThrow("zip: 65536 entries, at most 65535");
    });
  });
});
