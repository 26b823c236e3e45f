// The test cases of __tests__/stacks/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with hooks keeps them inside a describe block, so they apply to its own tests only.
// Files that run processes for seconds stay *.test.ts files of their own, so the two workers share them.
import "./backend.cases";
import "./data-and-web.cases";
import "./database-access-stack.cases";
import "./database-roles-stack.cases";
import "./environment-stack.cases";
import "./hcp-bootstrap-stack.cases";
import "./image-stack.cases";
import "./monitoring.cases";
import "./private-data-plane.cases";
import "./private-network.cases";
import "./resource-group.cases";
import "./secret-content-types.cases";
import "./shared-stack.cases";
import "./terraform-literal.cases";
