// The test cases of __tests__/app/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with hooks keeps them inside a describe block, so they apply to its own tests only.
// Files that run processes for seconds stay *.test.ts files of their own, so the two workers share them.
import "./policy-day.cases";
import "./release-files.cases";
import "./report-failure.cases";
import "./synthesize.cases";
import "./token-stack-traces.cases";
