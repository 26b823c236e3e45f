// The test cases of __tests__/constructs/ (the *.cases.ts files), run in one jest module registry:
// each test file loads cdktf and the provider bindings again, which costs more than most files' tests.
// A case file with hooks keeps them inside a describe block, so they apply to its own tests only.
// Files that run processes for seconds stay *.test.ts files of their own, so the two workers share them.
import "./app-identity.cases";
import "./app-network.cases";
import "./app-service-plan.cases";
import "./autoscale.cases";
import "./build-context.cases";
import "./cidr.cases";
import "./container-registry.cases";
import "./container-web-app.cases";
import "./data/database-logins.cases";
import "./data/message-queue.cases";
import "./data/postgres-database.cases";
import "./data/spa-web-app.cases";
import "./data/zip-package.cases";
import "./deployer-identity.cases";
import "./deploying-principal.cases";
import "./grant.cases";
import "./hcp-workspace.cases";
import "./index.cases";
import "./iso-duration.cases";
import "./network-access.cases";
import "./observability/action-group.cases";
import "./observability/app-insights.cases";
import "./observability/autoscale-notifications.cases";
import "./observability/availability-test.cases";
import "./observability/diagnostic-settings.cases";
import "./observability/log-analytics-workspace.cases";
import "./observability/monitor-limits.cases";
import "./observability/rollback-alerts.cases";
import "./plan-tiers.cases";
import "./private-endpoint.cases";
import "./providers.cases";
import "./runtime-support.cases";
import "./secret-variable.cases";
import "./secret-vault.cases";
import "./site-access.cases";
import "./vault-secret.cases";
