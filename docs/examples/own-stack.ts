import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import {
  AppIdentity,
  AppServicePlan,
  ContainerRegistry,
  ContainerWebApp,
  SecretVault,
  secretVariable,
} from "../../constructs";
import { AzResourceGroup, AzurermProvider, TimeProvider } from "../../constructs/providers";

/** One API on its own plan, pulling from its own registry, reading one secret. */
export class MyApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, "azurerm", { features: [{}] });
    new TimeProvider(this, "time"); // waits for role assignments to take effect
    const resourceGroup = new AzResourceGroup(this, "rg", { name: "rg-myapi", location: "westeurope" });

    const registry = new ContainerRegistry(this, "registry", { name: "crmyapi", resourceGroup });
    const plan = new AppServicePlan(this, "plan", { name: "asp-myapi", resourceGroup, sku: "P1v3" });
    const vault = new SecretVault(this, "vault", { name: "kv-myapi", resourceGroup });
    const apiKey = vault.addSecret("api-key", {
      name: "api-key",
      value: secretVariable(this, "api_key", "The API's key").value,
    });

    // One identity pulls images for every slot; each slot runs as its own.
    const identity = (name: string) =>
      new AppIdentity(this, name, { name: `id-myapi-${name}`, resourceGroup });
    new ContainerWebApp(this, "api", {
      name: "app-myapi",
      resourceGroup,
      plan,
      registry,
      pullIdentity: identity("pull"),
      identity: identity("production"),
      repository: "api",
      imageTag: "1.0.0",
      appSettings: { API_KEY: apiKey }, // a Key Vault reference; each slot's identity may read it
      slots: [{ name: "staging", identity: identity("staging") }],
    });
  }
}

// `npx tsx docs/examples/own-stack.ts` synthesizes it into cdktf.out/.
if (require.main === module) {
  const app = new App();
  new MyApiStack(app, "my-api");
  app.synth();
}
