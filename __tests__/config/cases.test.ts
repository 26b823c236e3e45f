// The test cases of __tests__/config/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with hooks keeps them inside a describe block, so they apply to its own tests only.
// Files that run processes for seconds stay *.test.ts files of their own, so the two workers share them.
import "./backend-rules.cases";
import "./cross-field-rules.cases";
import "./load-config.cases";
import "./project-paths.cases";
