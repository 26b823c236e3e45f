import { contains, overlaps, parseCidr } from "../../constructs/cidr";

test("parses CIDR blocks into address ranges", () => {
  expect(parseCidr("10.20.0.0/16")).toEqual({ first: 0x0a140000, last: 0x0a14ffff, prefix: 16 });
  expect(parseCidr("0.0.0.0/0")).toEqual({ first: 0, last: 2 ** 32 - 1, prefix: 0 });
});

test.each(["10.20.0.0", "10.20.0.0/33", "256.0.0.0/8", "10.20.1.5/24", "a.b.c.d/8", ""])(
  "refuses %j",
  (text) => {
    expect(parseCidr(text)).toBeUndefined();
  },
);

test("containment and overlap", () => {
  const [space, apps, database, inside] = [
    "10.20.0.0/16",
    "10.20.1.0/24",
    "10.20.2.0/24",
    "10.20.1.128/25",
  ].map((text) => parseCidr(text)!);
  expect(contains(space, apps)).toBe(true);
  expect(contains(apps, space)).toBe(false);
  expect(overlaps(apps, database)).toBe(false);
  expect(overlaps(apps, inside)).toBe(true);
});
