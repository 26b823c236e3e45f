import { accessRestrictionConfig, accessRules, siteAccessProblems } from "../../constructs/site-access";

test("rules: addresses, subnets, tags, in that order, numbered per kind, rising priorities", () => {
  expect(
    accessRules({
      addresses: ["203.0.113.7", "198.51.100.0/28"],
      subnets: [{ id: "subnet-a" }],
      serviceTags: ["ApplicationInsightsAvailability"],
    }),
  ).toEqual([
    { name: "allow-ip-1", priority: 100, action: "Allow", ipAddress: "203.0.113.7/32" },
    { name: "allow-ip-2", priority: 101, action: "Allow", ipAddress: "198.51.100.0/28" },
    { name: "allow-subnet-1", priority: 102, action: "Allow", virtualNetworkSubnetId: "subnet-a" },
    { name: "allow-tag-1", priority: 103, action: "Allow", serviceTag: "ApplicationInsightsAvailability" },
  ]);
});

test("an absent side stays open (nothing written); an empty one admits nobody", () => {
  expect(accessRestrictionConfig()).toEqual({
    ipRestrictionDefaultAction: undefined,
    ipRestriction: undefined,
    scmIpRestrictionDefaultAction: undefined,
    scmIpRestriction: undefined,
    scmUseMainIpRestriction: undefined,
  });
  expect(accessRestrictionConfig(undefined, {})).toEqual({
    ipRestrictionDefaultAction: undefined,
    ipRestriction: undefined,
    scmIpRestrictionDefaultAction: "Deny",
    scmIpRestriction: [],
    scmUseMainIpRestriction: false,
  });
});

test("problems: private addresses, bad service tag names, more rules than App Service keeps", () => {
  const many = Array.from({ length: 513 }, (_, i) => `20.${Math.floor(i / 256)}.${i % 256}.0/24`);
  expect(
    siteAccessProblems({ addresses: ["192.168.0.1", ...many], serviceTags: ["Application Insights"] }),
  ).toEqual([
    {
      prop: ["addresses", 0],
      value: "192.168.0.1",
      rule: "must be a public address: private and reserved ranges never reach a public endpoint (put machines inside the network instead)",
    },
    {
      prop: ["serviceTags", 0],
      value: "Application Insights",
      rule: 'must be an Azure service tag name such as "AzureFrontDoor.Backend"',
    },
    { prop: [], rule: "make 515 access rules; App Service keeps at most 512 per site" },
  ]);
});
