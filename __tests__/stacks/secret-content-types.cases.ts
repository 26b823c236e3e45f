import { resourceAt, synthPlatform } from "./platform-fixture";
import { loadJson } from "./private-production-fixture";

test("every platform secret says what it holds: configured secrets their content type, DATABASE_URL a PostgreSQL URL", () => {
  const prod = synthPlatform(
    loadJson({
      app: { name: "shop", location: "northeurope" },
      api: {
        secrets: [
          { setting: "PAYMENT_CONFIG", name: "payment-config", contentType: "application/json" },
          { setting: "API_KEY", name: "api-key" },
        ],
      },
      environments: { prod: { plan: { sku: "S1" }, slots: ["staging"] } },
    }),
  ).stacks["shop-prod"];
  const contentType = (name: string) =>
    resourceAt(prod, "azurerm_key_vault_secret", `vault/secret-${name}/secret`).content_type;
  expect(contentType("payment-config")).toBe("application/json");
  expect(contentType("api-key")).toBe("text/plain");
  // Without a managed database, each slot's DATABASE_URL arrives as a variable; it is a URL all the same.
  expect(contentType("database-url-production")).toBe("application/x-postgresql-url");
  expect(contentType("database-url-staging")).toBe("application/x-postgresql-url");
});
