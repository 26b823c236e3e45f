// The test cases of __tests__/tools/release/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with hooks keeps them inside a describe block, so they apply to its own tests only.
// Files that run processes for seconds stay *.test.ts files of their own, so the two workers share them.
import "./cli-flags.cases";
import "./gates.cases";
import "./health-check.cases";
import "./http-get.cases";
import "./latency-probe.cases";
import "./load-probe.cases";
import "./release-settings.cases";
import "./release-targets.cases";
import "./request-stats.cases";
import "./rollback-rules.cases";
import "./smoke-tests.cases";
import "./synthesized-release.cases";
