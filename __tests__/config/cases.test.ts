// The test cases of __tests__/config/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with its own top-level hooks stays a *.test.ts file of its own.
import "./backend-rules.cases";
import "./cross-field-rules.cases";
import "./load-config.cases";
