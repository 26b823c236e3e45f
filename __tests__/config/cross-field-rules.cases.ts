import { baseConfig, loadFrom, problemsOf } from "./config-fixtures";

function withProd(change: (prod: Record<string, any>) => void) {
  const config = baseConfig();
  change(config.environments.prod);
  return config;
}

test("the base fixture is valid", () => {
  expect(problemsOf(baseConfig())).toEqual([]);
});

describe("plan tier capabilities", () => {
  test("slots on a Basic plan", () => {
    const config = withProd((prod) => {
      prod.plan.sku = "B1";
      delete prod.autoscale;
    });
    expect(problemsOf(config)).toEqual([
      'environments.prod.slots = ["staging"]: are more than plan sku "B1" (Basic) allows (0); deployment slots need Standard (S1) or better',
    ]);
  });

  test("more slots than Standard allows", () => {
    const config = withProd((prod) => {
      prod.slots = ["s1", "s2", "s3", "s4", "s5", "s6"];
    });
    expect(problemsOf(config)[0]).toMatch(/are more than plan sku "S1" \(Standard\) allows \(5\)/);
  });

  test("autoscale on a Basic plan", () => {
    const config = withProd((prod) => {
      prod.plan.sku = "B2";
      prod.slots = [];
      prod.autoscale = { minimum: 1, maximum: 3 };
    });
    expect(problemsOf(config)).toEqual([
      'environments.prod.autoscale: plan sku "B2" (Basic) has no autoscale; it needs Standard (S1) or better',
    ]);
  });

  test("workerCount above the tier's instance limit", () => {
    const config = withProd((prod) => {
      prod.plan.workerCount = 11;
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.plan.workerCount = 11: must be a whole number from 1 to 10 (the Standard tier's limit)",
    ]);
  });

  test("zone balancing needs Premium and two instances", () => {
    const config = withProd((prod) => {
      prod.plan.zoneBalancing = true;
    });
    expect(problemsOf(config)).toEqual([
      'environments.prod.plan.zoneBalancing = true: needs a Premium v2/v3 SKU (sku is "S1")',
      "environments.prod.plan.workerCount = 1: must be at least 2 with zoneBalancingEnabled",
    ]);
  });

  test("zone balancing on P1v3 with 3 workers is fine", () => {
    const config = withProd((prod) => {
      prod.plan = { sku: "P1v3", workerCount: 3, zoneBalancing: true };
    });
    expect(problemsOf(config)).toEqual([]);
  });

  test("an unknown SKU lists the supported ones", () => {
    const config = withProd((prod) => {
      prod.plan.sku = "P9v9";
    });
    expect(problemsOf(config)[0]).toMatch(/^environments.prod.plan.sku = "P9v9": .*"B1"/);
  });
});

describe("slots", () => {
  test.each([
    ["production", "is the app itself, not a slot"],
    ["Staging_1", "webAppSlot name"],
    ["a", "webAppSlot name"],
  ])("slot name %s", (slot, rule) => {
    const config = withProd((prod) => {
      prod.slots = [slot];
    });
    expect(problemsOf(config)).toEqual([
      expect.stringContaining(`environments.prod.slots.0 = "${slot}": ${rule}`),
    ]);
  });

  test("a slot listed twice", () => {
    const config = withProd((prod) => {
      prod.slots = ["staging", "staging"];
    });
    expect(problemsOf(config)).toEqual(['environments.prod.slots.1 = "staging": is listed twice']);
  });
});

describe("autoscale", () => {
  test("min <= default <= max", () => {
    const config = withProd((prod) => {
      prod.autoscale = { minimum: 3, default: 2, maximum: 4 };
    });
    expect(problemsOf(config)).toEqual([
      'environments.prod.autoscale = {"minimum":3,"default":2,"maximum":4}: minimum (3) <= default (2) <= maximum (4) must hold, from 1 up',
    ]);
  });

  test("maximum above the tier limit", () => {
    const config = withProd((prod) => {
      prod.autoscale = { minimum: 1, maximum: 11 };
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.autoscale.maximum = 11: exceeds the Standard tier's limit of 10 instances",
    ]);
  });

  test("the maximum defaults to the tier limit", () => {
    const config = withProd((prod) => {
      prod.autoscale = { minimum: 2 };
    });
    expect(loadFrom(config).environments.prod.autoscale).toEqual({ minimum: 2 });
  });

  const cpu = { metric: "CpuPercentage", scaleOutAbove: 80, scaleInBelow: 20 };

  test("a rule whose scale-in threshold is not below its scale-out threshold", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = [{ ...cpu, scaleInBelow: 80 }];
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.autoscale.rules.0.scaleInBelow = 80: must be lower than scaleOutAbove (80), or the plan flaps",
    ]);
  });

  test("durations outside Azure's ranges", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = [
        { ...cpu, scaleOutWindow: "PT1M", scaleInWindow: "10 minutes", cooldown: "P8D" },
      ];
    });
    expect(problemsOf(config)).toEqual([
      'environments.prod.autoscale.rules.0.scaleOutWindow = "PT1M": must be between PT5M and PT12H',
      'environments.prod.autoscale.rules.0.scaleInWindow = "10 minutes": must be an ISO 8601 duration in whole minutes (e.g. PT5M), between PT5M and PT12H',
      'environments.prod.autoscale.rules.0.cooldown = "P8D": must be between PT1M and P7D',
    ]);
  });

  test("a percentage above 100", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = [{ ...cpu, scaleOutAbove: 120 }];
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.autoscale.rules.0.scaleOutAbove = 120: must be a percentage from 0 to 100",
    ]);
  });

  test("a metric App Service plans do not have", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = [{ ...cpu, metric: "Requests" }];
    });
    expect(problemsOf(config)[0]).toMatch(
      /^environments.prod.autoscale.rules.0.metric = "Requests": .*"CpuPercentage"/,
    );
  });

  test("more than five rule pairs", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = Array.from({ length: 6 }, () => cpu);
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.autoscale.rules = 6: has more pairs than Azure allows (5 pairs, 10 rules per profile)",
    ]);
  });

  test("an empty rule list", () => {
    const config = withProd((prod) => {
      prod.autoscale.rules = [];
    });
    expect(problemsOf(config)).toEqual([
      "environments.prod.autoscale.rules: must contain at least one rule pair",
    ]);
  });
});

describe("settings", () => {
  test("a sticky setting the app does not set on every slot", () => {
    const config = baseConfig();
    config.api = { stickySettings: ["FEATURE_FLAGS"] };
    config.environments.prod.slotSettings = { staging: { FEATURE_FLAGS: "beta" } };
    expect(problemsOf(config)).toEqual([
      'api.stickySettings.0 = "FEATURE_FLAGS": is sticky but not set on production in environment "prod" (set it in environments.prod.slotSettings)',
    ]);
  });

  test("a sticky setting set per slot everywhere is fine", () => {
    const config = baseConfig();
    config.api = { stickySettings: ["FEATURE_FLAGS"] };
    config.environments.prod.slotSettings = {
      production: { FEATURE_FLAGS: "" },
      staging: { FEATURE_FLAGS: "beta" },
    };
    expect(problemsOf(config)).toEqual([]);
  });

  test("slot settings for a slot the environment does not have", () => {
    const config = baseConfig();
    config.environments.prod.slotSettings = { canary: { X: "1" } };
    expect(problemsOf(config)).toEqual([
      "environments.prod.slotSettings.canary: is not a slot of this environment (production, staging)",
    ]);
  });

  test("a setting both shared and per slot", () => {
    const config = baseConfig();
    config.api = { settings: { LOG_LEVEL: "info" } };
    config.environments.prod.slotSettings = { staging: { LOG_LEVEL: "debug" } };
    expect(problemsOf(config)).toEqual([
      "environments.prod.slotSettings.staging.LOG_LEVEL: is also a shared setting; a setting is either shared or per slot",
    ]);
  });

  test("reserved, credential and malformed setting names", () => {
    const config = baseConfig();
    config.api = { settings: { WEBSITES_PORT: "80", DOCKER_REGISTRY_SERVER_PASSWORD: "x", "1BAD": "x" } };
    expect(problemsOf(config)).toEqual([
      'api.settings.WEBSITES_PORT = "WEBSITES_PORT": is set by the platform (port); it cannot be configured',
      'api.settings.DOCKER_REGISTRY_SERVER_PASSWORD = "DOCKER_REGISTRY_SERVER_PASSWORD": registry credentials never go into app settings; an identity pulls the image',
      "api.settings.1BAD = \"1BAD\": setting names are letters, digits and '_', not starting with a digit",
    ]);
  });

  test("a health check path without a leading slash", () => {
    const config = baseConfig();
    config.api = { healthCheckPath: "health" };
    expect(problemsOf(config)).toEqual(['api.healthCheckPath = "health": must start with "/"']);
  });

  test("secret settings that clash", () => {
    const config = baseConfig();
    config.api = {
      settings: { API_KEY: "plain" },
      secrets: [
        { setting: "API_KEY", name: "api-key" },
        { setting: "TOKEN", name: "token" },
        { setting: "TOKEN", name: "token-2" },
        { setting: "DATABASE_URL", name: "db" },
      ],
    };
    expect(problemsOf(config)).toEqual([
      'api.secrets.0.setting = "API_KEY": is also a plain setting in api.settings; a setting is either plain or a secret',
      'api.secrets.2.setting = "TOKEN": is listed twice in api.secrets',
      'api.secrets.3.setting = "DATABASE_URL": is managed per slot by the platform; choose another setting name',
    ]);
  });
});

describe("registry", () => {
  test("Premium-only features on Standard", () => {
    const config = baseConfig();
    config.registry = {
      sku: "Standard",
      zoneRedundancy: true,
      georeplicationLocations: ["westeurope"],
      untaggedRetentionDays: 7,
    };
    expect(problemsOf(config)).toEqual([
      'registry.zoneRedundancy = true: needs sku "Premium" (sku is "Standard")',
      'registry.georeplicationLocations = ["westeurope"]: needs sku "Premium" (sku is "Standard")',
      'registry.untaggedRetentionDays = 7: needs sku "Premium" (sku is "Standard")',
    ]);
  });

  test("georeplication to the home region or an unknown region", () => {
    const config = baseConfig();
    config.registry = { sku: "Premium", georeplicationLocations: ["northeurope", "westeurop"] };
    expect(problemsOf(config)).toEqual([
      'registry.georeplicationLocations.1 = "westeurop": is not an Azure region name; did you mean "westeurope"?',
    ]);
    config.registry.georeplicationLocations = ["northeurope"];
    expect(problemsOf(config)).toEqual([
      'registry.georeplicationLocations.0 = "northeurope": must differ from the registry\'s own location "northeurope"',
    ]);
  });
});

describe("derived names", () => {
  test("a name that would break Key Vault's 24-character limit names app.name", () => {
    const config = baseConfig();
    config.app.name = "abcdefghijkl";
    config.app.nameSuffix = "x7k2x7";
    config.environments = { staging1: { plan: { sku: "S1" } } };
    expect(problemsOf(config)).toEqual([
      "app.name = \"abcdefghijkl\": with environment \"staging1\": keyVault name \"kv-abcdefghijkl-staging1-x7k2x7\" (31 characters) breaks the rule: 3-24 letters, digits and '-', starting with a letter, no '--', not ending in '-'",
    ]);
  });

  test("no environments", () => {
    const config = baseConfig();
    config.environments = {};
    expect(problemsOf(config)).toEqual(["environments: must define at least one environment"]);
  });

  test("an environment name that is not short lowercase", () => {
    const config = baseConfig();
    config.environments = { Production: { plan: { sku: "S1" } } };
    expect(problemsOf(config)[0]).toMatch(
      /^environments.Production = "Production": environment names are 1-8 lowercase/,
    );
  });
});

describe("image", () => {
  test.each(["Api", "api/", "my_api-", "-api"])(
    "repository %s is not a Docker repository name",
    (repository) => {
      const config = baseConfig();
      config.image = { repository };
      expect(problemsOf(config)).toEqual([
        `image.repository = "${repository}": must be a lowercase Docker repository name`,
      ]);
    },
  );

  test("a nested lowercase repository is fine", () => {
    const config = baseConfig();
    config.image = { repository: "team/api-service" };
    expect(problemsOf(config, { IMAGE_TAG: "v1" })).toEqual([]);
  });
});

describe("monitoring", () => {
  test("alerts follow the production flag unless set", () => {
    const config = baseConfig();
    expect(loadFrom(config, { IMAGE_TAG: "v1" }).environments.prod.monitoring.alerts).toBe(false);
    config.environments.prod.production = true;
    config.environments.prod.monitoring = { emails: ["ops@shop.example"] };
    expect(loadFrom(config, { IMAGE_TAG: "v1" }).environments.prod.monitoring).toMatchObject({
      alerts: true,
      emails: ["ops@shop.example"],
      errorRatePercent: 5,
      latencyFactor: 2,
      baselineP95Ms: 500,
      severity: 1,
      appInsightsRetentionDays: 90,
    });
  });

  test("alerts without anyone to tell", () => {
    const config = baseConfig();
    config.environments.prod.monitoring = { alerts: true };
    expect(problemsOf(config)).toEqual([
      "environments.prod.monitoring: alerts are on but nobody is told: add monitoring.emails or monitoring.webhooks (or set monitoring.alerts to false)",
    ]);
  });

  test("bad receivers and thresholds", () => {
    const config = baseConfig();
    config.environments.prod.monitoring = {
      emails: ["not-an-address"],
      webhooks: ["http://hooks.example/x"],
      errorRatePercent: 0,
      appInsightsRetentionDays: 45,
    };
    expect(problemsOf(config)).toEqual([
      expect.stringMatching(/^environments.prod.monitoring.appInsightsRetentionDays = 45: /),
      "environments.prod.monitoring.errorRatePercent = 0: must be above 0 and below 100",
      'environments.prod.monitoring.emails.0 = "not-an-address": must be an e-mail address (name@domain)',
      'environments.prod.monitoring.webhooks.0 = "http://hooks.example/x": must be an https:// URL',
    ]);
  });

  test("per-slot values of platform-managed settings are refused", () => {
    const config = baseConfig();
    config.environments.prod.slotSettings = { staging: { APPLICATIONINSIGHTS_CONNECTION_STRING: "x" } };
    expect(problemsOf(config)).toEqual([
      "environments.prod.slotSettings.staging.APPLICATIONINSIGHTS_CONNECTION_STRING: is set per slot by the platform; it cannot be configured",
    ]);
  });
});

describe("no stack trace for what would collide or overflow later (caught here, at the field)", () => {
  test("two secrets with one vault name, and a name the platform writes itself", () => {
    const config = baseConfig();
    config.api = {
      secrets: [
        { setting: "API_KEY", name: "api-key" },
        { setting: "OTHER_KEY", name: "api-key" },
        { setting: "DB", name: "database-url-production" },
      ],
    };
    expect(problemsOf(config)).toEqual([
      'api.secrets.1.name = "api-key": is listed twice in api.secrets (one vault secret per name)',
      'api.secrets.2.name = "database-url-production": names starting with "database-" are the platform\'s (each slot\'s DATABASE_URL and database logins)',
    ]);
  });

  test("a queue name whose slot copy breaks Service Bus' 260 characters", () => {
    const queue = `q${"x".repeat(255)}`;
    const config = withProd((prod) => {
      prod.messaging = { queues: [queue] };
    });
    expect(problemsOf(config)).toEqual([
      `environments.prod.messaging.queues.0 = "${queue}-staging": must be 1-260 letters, digits, '.', '-', '_' and '/', starting and ending with a letter or digit`,
    ]);
  });

  test("a database needs an RBAC vault (access policies would let every app identity read the administrator's password)", () => {
    const config = withProd((prod) => {
      prod.vault = { authorization: "accessPolicy" };
      prod.database = {};
    });
    expect(problemsOf(config)).toEqual([
      expect.stringMatching(/^environments\.prod\.vault\.authorization = "accessPolicy": must be "rbac"/),
    ]);
  });

  test("a secret version below 1 and an eviction time outside 2-10 are the constructs' limits, reported at the field", () => {
    const config = baseConfig();
    config.api = { healthCheckEvictionMinutes: 11, secrets: [{ setting: "K", name: "k", version: 0 }] };
    expect(problemsOf(config)).toEqual(
      expect.arrayContaining([
        "api.healthCheckEvictionMinutes = 11: must be a whole number from 2 to 10",
        "api.secrets.0.version = 0: must be a whole number >= 1",
      ]),
    );
  });

  test("setting names that are Object.prototype members are ordinary settings", () => {
    const config = withProd((prod) => {
      prod.settings = { toString: "x", constructor: "y" };
    });
    expect(problemsOf(config)).toEqual([]);
  });
});
