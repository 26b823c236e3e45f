/**
 * Azure public-cloud region names as `location` accepts them (`az account list-locations`,
 * `name` column, physical and logical regions). Checked offline so that a typo fails at synth
 * with a suggestion instead of minutes later in `terraform apply`.
 */
export const AZURE_REGIONS: readonly string[] = [
  "australiacentral",
  "australiacentral2",
  "australiaeast",
  "australiasoutheast",
  "austriaeast",
  "belgiumcentral",
  "brazilsouth",
  "brazilus",
  "brazilsoutheast",
  "canadacentral",
  "canadaeast",
  "centralindia",
  "centralus",
  "chilecentral",
  "denmarkeast",
  "eastasia",
  "eastus",
  "eastus2",
  "francecentral",
  "francesouth",
  "germanynorth",
  "germanywestcentral",
  "indonesiacentral",
  "israelcentral",
  "italynorth",
  "japaneast",
  "japanwest",
  "jioindiacentral",
  "jioindiawest",
  "koreacentral",
  "koreasouth",
  "malaysiawest",
  "mexicocentral",
  "newzealandnorth",
  "northcentralus",
  "northeurope",
  "norwayeast",
  "norwaywest",
  "polandcentral",
  "qatarcentral",
  "southafricanorth",
  "southafricawest",
  "southcentralus",
  "southindia",
  "southeastasia",
  "spaincentral",
  "swedencentral",
  "swedensouth",
  "switzerlandnorth",
  "switzerlandwest",
  "uaecentral",
  "uaenorth",
  "uksouth",
  "ukwest",
  "westcentralus",
  "westeurope",
  "westindia",
  "westus",
  "westus2",
  "westus3",
];

/** Edit distance, to suggest the region a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The rule an invalid region breaks, with the closest known name when one is near
 * (display names such as "West Europe" are normalized first).
 */
export function regionProblem(location: string): string | undefined {
  if (AZURE_REGIONS.includes(location)) return undefined;
  const normalized = location.toLowerCase().replace(/[\s_-]/g, "");
  let best = AZURE_REGIONS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const region of AZURE_REGIONS) {
    // The distance is at least the difference in length: such a region cannot be closer.
    if (Math.abs(normalized.length - region.length) >= bestDistance) continue;
    const distance = editDistance(normalized, region);
    if (distance < bestDistance) [best, bestDistance] = [region, distance];
  }
  const close = bestDistance <= Math.max(2, Math.floor(best.length / 4));
  return close
    ? `is not an Azure region name; did you mean "${best}"?`
    : 'is not an Azure region name (e.g. "westeurope"; `az account list-locations -o table` lists them)';
}
