/**
 * The public surface of the construct library, for projects that use it: every module of
 * constructs/ but providers.ts. Provider classes stay behind it (each construct's `resource` is
 * the escape hatch). A test derives the list of modules from the folder.
 */
export * from "./action-group";
export * from "./app-identity";
export * from "./app-insights";
export * from "./app-network";
export * from "./app-service-plan";
export * from "./autoscale";
export * from "./availability-test";
export * from "./build-context";
export * from "./cidr";
export * from "./container-image";
export * from "./container-registry";
export * from "./container-web-app";
export * from "./database-logins";
export * from "./deployer-identity";
export * from "./deploying-principal";
export * from "./diagnostic-settings";
export * from "./ephemeral-vault-secret";
export * from "./existing-postgres-server";
export * from "./grant";
export * from "./hcp-project";
export * from "./hcp-workspace";
export * from "./iso-duration";
export * from "./log-analytics-workspace";
export * from "./message-queue";
export * from "./monitor-limits";
export * from "./naming";
export * from "./network-access";
export * from "./plan-tiers";
export * from "./postgres-database";
export * from "./postgres-firewall-rules";
export * from "./postgres-logins";
export * from "./private-endpoint";
export * from "./problems";
export * from "./resource-group";
export * from "./rollback-alerts";
export * from "./runtime-support";
export * from "./secret-variable";
export * from "./secret-vault";
export * from "./site-access";
export * from "./spa-web-app";
export * from "./vault-secret";
export * from "./zip-package";
