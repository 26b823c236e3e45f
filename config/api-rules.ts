import {
  DEFAULT_STICKY_SETTINGS,
  SETTING_NAME,
  settingNameProblems,
  siteProblems,
} from "../constructs/container-web-app";
import { vaultSecretProblems } from "../constructs/vault-secret";
import { fromProps, type PathProblem } from "./field-problems";
import { isPlatformSecretName, PLATFORM_SECRET_PREFIX } from "./resource-names";
import type { PlatformConfig } from "./schema";

/** The API's own fields: settings, secrets, sticky names, port and health check. */
export function apiProblems(config: PlatformConfig): PathProblem[] {
  const { api } = config;
  return [
    // No plan here: the config does not set always-on, the one limit that depends on the tier.
    ...fromProps(
      ["api"],
      siteProblems({ ...api, healthCheckEvictionTimeInMin: api.healthCheckEvictionMinutes }),
      {
        healthCheckEvictionTimeInMin: ["healthCheckEvictionMinutes"],
      },
    ),
    ...fromProps(["api", "settings"], settingNameProblems(api.settings)),
    ...secretProblems(config),
    ...api.stickySettings.flatMap((name, i): PathProblem[] =>
      SETTING_NAME.test(name)
        ? []
        : [
            {
              path: ["api", "stickySettings", i],
              value: name,
              rule: "setting names are letters, digits and '_', not starting with a digit",
            },
          ],
    ),
  ];
}

/** Each secret: a valid setting, not also plain, listed once; a vault name that is the app's, listed once. */
function secretProblems(config: PlatformConfig): PathProblem[] {
  const { api } = config;
  const problems: PathProblem[] = [];
  api.secrets.forEach((secret, i) => {
    const at = (field: string) => ["api", "secrets", i, field];
    problems.push(
      ...fromProps(["api", "secrets", i], settingNameProblems({ [secret.setting]: "" }), {
        [secret.setting]: ["setting"],
      }),
    );
    if (Object.hasOwn(api.settings, secret.setting))
      problems.push({
        path: at("setting"),
        value: secret.setting,
        rule: "is also a plain setting in api.settings; a setting is either plain or a secret",
      });
    if (api.secrets.findIndex((other) => other.setting === secret.setting) !== i)
      problems.push({ path: at("setting"), value: secret.setting, rule: "is listed twice in api.secrets" });
    if ((DEFAULT_STICKY_SETTINGS as readonly string[]).includes(secret.setting))
      problems.push({
        path: at("setting"),
        value: secret.setting,
        rule: "is managed per slot by the platform; choose another setting name",
      });
    if (api.secrets.findIndex((other) => other.name === secret.name) !== i)
      problems.push({
        path: at("name"),
        value: secret.name,
        rule: "is listed twice in api.secrets (one vault secret per name)",
      });
    // The vault's own limits on the secret (the value is a deploy-time variable, not the config's).
    problems.push(
      ...fromProps(
        ["api", "secrets", i],
        vaultSecretProblems({ name: secret.name, valueVersion: secret.version }),
        { valueVersion: ["version"] },
      ),
    );
    if (isPlatformSecretName(secret.name))
      problems.push({
        path: at("name"),
        value: secret.name,
        rule: `names starting with "${PLATFORM_SECRET_PREFIX}" are the platform's (each slot's DATABASE_URL and database logins)`,
      });
  });
  return problems;
}
