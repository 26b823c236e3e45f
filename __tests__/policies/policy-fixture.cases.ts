import type { PlatformStacks } from "../../stacks/platform";
import { resourceAt } from "../stacks/platform-fixture";
import { findingsOf, policyReportFor, policyReportForJson } from "./policy-fixture";

const prodApp = (stacks: PlatformStacks) => stacks.environments[0].api.resource;

test("a rule finds the same on edited JSON as on a synth through an escape hatch; each call edits its own copy", () => {
  const synthesized = policyReportFor((s) => {
    prodApp(s).addOverride("https_only", false);
    prodApp(s).addOverride("site_config.ftps_state", "AllAllowed");
  });
  const edited = policyReportForJson((stacks) => {
    const app = resourceAt(stacks["contoso-prod"], "azurerm_linux_web_app", "api/app");
    app.https_only = false;
    app.site_config.ftps_state = "AllAllowed";
  });
  expect(findingsOf(edited)).toEqual(findingsOf(synthesized));
  expect(findingsOf(edited)).toEqual(
    expect.arrayContaining(["APS001 contoso-prod/api/app", "APS003 contoso-prod/api/app"]),
  );
  expect(edited.errors.map((f) => f.message)).toEqual(synthesized.errors.map((f) => f.message));
  // Each call edits its own copy of the shared synth.
  expect(findingsOf(policyReportForJson())).not.toContain("APS001 contoso-prod/api/app");
});
