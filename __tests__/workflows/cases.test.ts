// The test cases of __tests__/workflows/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with its own top-level hooks stays a *.test.ts file of its own.
import "./node-version.cases";
import "./review-comment.cases";
import "./workflows.cases";
