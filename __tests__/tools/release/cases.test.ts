// The test cases of __tests__/tools/release/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with its own top-level hooks stays a *.test.ts file of its own.
import "./cli-flags.cases";
import "./health-check.cases";
import "./http-get.cases";
import "./latency-probe.cases";
import "./load-probe.cases";
import "./release-targets.cases";
import "./request-stats.cases";
import "./rollback-rules.cases";
import "./smoke-tests.cases";
