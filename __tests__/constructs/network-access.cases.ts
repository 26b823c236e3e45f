import { allowedAddressProblems, asCidr, publicAccessProblems } from "../../constructs/network-access";

test("single addresses become /32 blocks (the form Azure stores, so plans stay quiet); blocks stay", () => {
  expect(asCidr("203.0.113.7")).toBe("203.0.113.7/32");
  expect(asCidr("198.51.100.0/28")).toBe("198.51.100.0/28");
});

test("public IPv4 addresses and blocks pass", () => {
  expect(allowedAddressProblems(["203.0.113.7", "198.51.100.0/28", "20.50.0.0/16"])).toEqual([]);
});

test.each([
  ["2001:db8::1", "must be an IPv4 address (203.0.113.7) or CIDR block (203.0.113.0/24)"],
  ["203.0.113.7/24", "must be an IPv4 address (203.0.113.7) or CIDR block (203.0.113.0/24)"],
  ["0.0.0.0/0", "is wider than /8; an allow-list names the deploying machines' addresses"],
  [
    "10.1.2.3",
    "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
  ],
  [
    "172.20.0.0/16",
    "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
  ],
  [
    "192.168.1.0/24",
    "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
  ],
  [
    "100.64.0.1",
    "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
  ],
])("%s: %s", (address, rule) => {
  expect(allowedAddressProblems([address])).toEqual([{ prop: [0], value: address, rule }]);
});

test("an address given twice, once bare and once as /32, is listed twice", () => {
  expect(allowedAddressProblems(["203.0.113.7", "203.0.113.7/32"])).toEqual([
    { prop: [1], value: "203.0.113.7/32", rule: "is listed twice" },
  ]);
});

describe("publicAccessProblems", () => {
  test("open by default, anywhere", () => {
    expect(publicAccessProblems({ sku: "Basic" }, "Premium")).toEqual([]);
  });

  test("a closed endpoint needs the premium SKU where the service says so; every problem at once", () => {
    expect(
      publicAccessProblems(
        { sku: "Standard", publicNetworkAccess: "allowList", allowedAddresses: ["10.0.0.1"] },
        "Premium",
      ),
    ).toEqual([
      {
        prop: ["publicNetworkAccess"],
        value: "allowList",
        rule: 'needs sku "Premium" (sku is "Standard"): network rules and private endpoints are Premium-only',
      },
      {
        prop: ["allowedAddresses", 0],
        value: "10.0.0.1",
        rule: "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
      },
    ]);
    expect(publicAccessProblems({ publicNetworkAccess: "disabled" })).toEqual([]);
  });

  test("addresses without an allow-list have no effect, and an unknown mode is named", () => {
    expect(
      publicAccessProblems({ publicNetworkAccess: "disabled", allowedAddresses: ["203.0.113.7"] }),
    ).toEqual([
      {
        prop: ["allowedAddresses"],
        value: ["203.0.113.7"],
        rule: 'has no effect unless publicNetworkAccess is "allowList" (it is "disabled")',
      },
    ]);
    expect(publicAccessProblems({ publicNetworkAccess: "open" as never })[0]).toEqual({
      prop: ["publicNetworkAccess"],
      value: "open",
      rule: 'must be one of "enabled", "allowList", "disabled"',
    });
  });
});
