import { Construct } from "constructs";
import {
  type DatabaseLoginPlan,
  databaseLoginPlan,
  databaseLoginPlanProblems,
  type SlotLogin,
} from "./database-logins";
import type { IPostgresServer } from "./existing-postgres-server";
import { grantId } from "./grant";
import { type IPostgresClient, PostgresFirewallRules } from "./postgres-firewall-rules";
import { isUnresolved, type PropProblem, validationMessages, wholeNumberProblem } from "./problems";
import {
  AzPostgresqlFlexibleServer,
  AzPostgresqlFlexibleServerConfiguration,
  AzPostgresqlFlexibleServerDatabase,
  AzPostgresqlFlexibleServerFirewallRule,
  type AzPrivateDnsZone,
  type AzSubnet,
  RandomPassword,
} from "./providers";
import type { IResourceGroup } from "./resource-group";
import type { SecretVault, VaultAuthorization } from "./secret-vault";
import { VaultSecret } from "./vault-secret";

/** Major versions this project deploys (Azure has retired 11 and 12). */
export const POSTGRES_VERSIONS = ["13", "14", "15", "16"] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

/** `storage_mb` values azurerm 4.55 accepts (32 GiB to 32 TiB). */
export const POSTGRES_STORAGE_MB = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408,
] as const;

/** The provider's `sku_name` rule: `<tier>_<family>`, e.g. B_Standard_B1ms, GP_Standard_D2s_v3, MO_Standard_E4s_v3. */
const SKU_NAME =
  /^((B_Standard_B((1|2|4|8|12|16|20)ms|2s))|(GP_Standard_D(((2|4|8|16|32|48|64)s_v3)|((2|4|8|16|32|48|64)ds_v4)|((2|4|8|16|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5)|(C(2|4|8|16|32|48|64|96)ads_v5)))|(MO_Standard_E((((2|4|8|16|20|32|48|64)s)_v3)|((2|4|6|8|16|20|32|48|64)ds_v4)|((2|4|8|16|20|32|48|64|96)ds_v5)|((2|4|8|16|32|48|64|96)ads_v5))))$/;

export type PostgresTier = "Burstable" | "GeneralPurpose" | "MemoryOptimized";

/** The compute tier of a flexible server SKU, or undefined when the provider would reject the name. */
export function postgresTierOf(skuName: string): PostgresTier | undefined {
  if (!SKU_NAME.test(skuName)) return undefined;
  if (skuName.startsWith("B_")) return "Burstable";
  return skuName.startsWith("GP_") ? "GeneralPurpose" : "MemoryOptimized";
}

/** Logins Azure refuses for the administrator (and anything starting with `pg_`). */
const RESERVED_LOGINS = [
  "azure_superuser",
  "azure_pg_admin",
  "admin",
  "administrator",
  "root",
  "guest",
  "public",
];

/**
 * Special characters of the generated passwords: URL-unreserved (RFC 3986), so a password goes
 * into `postgresql://user:password@host` without encoding.
 */
export const PASSWORD_SPECIAL_CHARACTERS = "-_.~";

/**
 * Server parameters the construct sets. TLS 1.2+ is required (Azure's defaults today, pinned so
 * a change shows in review). Every connection and disconnection is logged, so the server logs
 * sent to the workspace say which login connected from where (CIS Azure 4.3.x; Azure Policy
 * "PostgreSQL flexible servers should log connections").
 */
export const POSTGRES_SERVER_PARAMETERS: Readonly<Record<string, string>> = {
  require_secure_transport: "on",
  ssl_min_protocol_version: "TLSv1.2",
  log_connections: "on",
  log_disconnections: "on",
};

/** "public": firewall allow-list; "private": VNet injection into a delegated subnet with a private DNS zone. */
export type PostgresNetworkMode = "public" | "private";

/**
 * A web app whose outbound addresses may connect: an {@link IPostgresClient} (a web app resource
 * or data source) or a construct holding one as `resource` (a ContainerWebApp, a SpaWebApp).
 */
export type PostgresClient = IPostgresClient | { readonly resource: IPostgresClient };

export interface PostgresDatabaseProps {
  /** Server name: 3-63 lowercase letters, digits and '-'; globally unique (it is the host name). */
  readonly name: string;
  readonly resourceGroup: IResourceGroup;
  /** @default the resource group's location */
  readonly location?: string;
  /**
   * Vault that receives the credentials: each slot's `DATABASE_URL` (for that slot's identity),
   * each slot login's password and the administrator's password (for the deployer only). It
   * must use RBAC: an access-policy vault lets every reader read every secret.
   */
  readonly vault: SecretVault;
  /**
   * Deployment slots that get a database and a login each (`<databaseNamePrefix>_<slot>`), so a
   * staging release never touches production data.
   * @default ["production"]
   */
  readonly slots?: string[];
  /** Databases and logins are named `<prefix>_<slot>` ('-' in slot names becomes '_'). @default "app" */
  readonly databaseNamePrefix?: string;
  /**
   * Put before the names of this server's vault secrets; servers sharing a vault need distinct
   * prefixes.
   * @default "" (`database-url-<slot>`, `database-login-<slot>`, `database-admin-password`)
   */
  readonly secretNamePrefix?: string;
  /** PostgreSQL major version; upgrades in place, a downgrade replaces the server. @default "16" */
  readonly version?: PostgresVersion;
  /** Compute SKU, `<tier>_<family>`: `B_Standard_B1ms` (Burstable), `GP_Standard_D2s_v3`, ... @default "B_Standard_B1ms" */
  readonly skuName?: string;
  /** Storage in MB, one of {@link POSTGRES_STORAGE_MB}; it can grow later, never shrink. @default 32768 */
  readonly storageMb?: number;
  /**
   * Grow storage before it fills up. Storage never shrinks, so `storage_mb` is then ignored after
   * creation (otherwise the next plan would try to shrink it, which replaces the server).
   * @default false
   */
  readonly storageAutoGrow?: boolean;
  /** Days of point-in-time restore, 7-35. @default 7 */
  readonly backupRetentionDays?: number;
  /** Copy backups to the paired region; can only be chosen at creation (a change replaces the server). @default false */
  readonly geoRedundantBackup?: boolean;
  /** A zone-redundant standby (`high_availability { mode = "ZoneRedundant" }`); not on Burstable. @default false */
  readonly highAvailability?: boolean;
  /** Administrator login (a change replaces the server). @default "pgadmin" */
  readonly administratorLogin?: string;
  /**
   * Version of the generated passwords (the administrator's and every slot login's). Bump it to
   * rotate: new passwords are written to the server's administrator, to the vault and to every
   * slot's `DATABASE_URL` in one apply; the logins take theirs when the database roles stack is
   * applied next with the same version.
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * "public": reachable on its public endpoint through a firewall that allows nothing by default;
   * open it to apps with {@link PostgresDatabase.allowConnectionsFrom} and to single addresses
   * with `allowedIpAddresses`. "private": injected into `delegatedSubnet`, no public endpoint at
   * all; the apps need VNet integration into the same network.
   * @default "public"
   */
  readonly networkMode?: PostgresNetworkMode;
  /** "private" only: a subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`. */
  readonly delegatedSubnet?: AzSubnet;
  /** "private" only: a zone named `*.postgres.database.azure.com`, linked to the VNet. */
  readonly privateDnsZone?: AzPrivateDnsZone;
  /**
   * "public" only: single IPv4 addresses allowed in, e.g. the deployer's egress (the database
   * roles stack connects from there) or a migration runner's.
   * @default none
   */
  readonly allowedIpAddresses?: string[];
  /** `prevent_destroy` on the server and the databases: a destroy must be a deliberate change. @default true */
  readonly preventDestroy?: boolean;
  /** @default no tags */
  readonly tags?: Record<string, string>;
}

/** What {@link postgresDatabaseProblems} reads: the props, with the objects reduced to what is checked. */
export interface PostgresDatabaseLimits
  extends Omit<PostgresDatabaseProps, "resourceGroup" | "vault" | "delegatedSubnet" | "privateDnsZone"> {
  readonly vault?: { readonly authorization: VaultAuthorization };
  readonly delegatedSubnet?: unknown;
  readonly privateDnsZone?: { readonly nameInput?: string };
}

/** Every rule of the props, all problems at once; values that are unresolved tokens are skipped. */
export function postgresDatabaseProblems(props: PostgresDatabaseLimits): PropProblem[] {
  return [
    ...serverProblems(props),
    ...administratorProblems(props.administratorLogin ?? "pgadmin"),
    ...databaseLoginPlanProblems({ ...props, slots: props.slots ?? ["production"] }),
    ...wholeNumberProblem(["passwordVersion"], props.passwordVersion ?? 1, 1),
    ...networkProblems(props),
    ...allowedIpProblems(props.allowedIpAddresses ?? []),
    ...(props.vault?.authorization === "accessPolicy"
      ? [
          {
            prop: ["vault", "authorization"],
            value: "accessPolicy",
            rule: 'must be "rbac": in an access-policy vault every reader reads every secret, the database administrator\'s password included',
          },
        ]
      : []),
  ];
}

function serverProblems(props: PostgresDatabaseLimits): PropProblem[] {
  const problems: PropProblem[] = [];
  const literal = (value: unknown) => value !== undefined && !isUnresolved(value);
  const { name } = props;
  if (
    literal(name) &&
    !(name.length >= 3 && name.length <= 63 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name))
  ) {
    problems.push({
      prop: ["name"],
      value: name,
      rule: "must be 3-63 lowercase letters, digits and '-', not starting or ending with '-'",
    });
  }
  if (literal(props.version) && !(POSTGRES_VERSIONS as readonly string[]).includes(props.version as string)) {
    problems.push({
      prop: ["version"],
      value: props.version,
      rule: `must be one of ${POSTGRES_VERSIONS.join(", ")}`,
    });
  }
  const skuName = props.skuName ?? "B_Standard_B1ms";
  const tier = isUnresolved(skuName) ? undefined : postgresTierOf(skuName);
  if (!isUnresolved(skuName) && tier === undefined) {
    problems.push({
      prop: ["skuName"],
      value: skuName,
      rule: "is not a flexible server SKU; the format is <tier>_<family>, e.g. B_Standard_B1ms (Burstable), GP_Standard_D2s_v3 (General Purpose), MO_Standard_E2s_v3 (Memory Optimized)",
    });
  }
  if (props.highAvailability === true && tier === "Burstable") {
    problems.push({
      prop: ["highAvailability"],
      value: true,
      rule: `needs a General Purpose or Memory Optimized SKU (skuName is "${skuName}", Burstable)`,
    });
  }
  if (
    literal(props.storageMb) &&
    !(POSTGRES_STORAGE_MB as readonly number[]).includes(props.storageMb as number)
  ) {
    problems.push({
      prop: ["storageMb"],
      value: props.storageMb,
      rule: `must be one of ${POSTGRES_STORAGE_MB.join(", ")}`,
    });
  }
  problems.push(...wholeNumberProblem(["backupRetentionDays"], props.backupRetentionDays ?? 7, 7, 35));
  return problems;
}

function administratorProblems(login: string): PropProblem[] {
  if (isUnresolved(login)) return [];
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(login)) {
    return [
      {
        prop: ["administratorLogin"],
        value: login,
        rule: "must be 1-63 letters, digits and '_', not starting with a digit",
      },
    ];
  }
  if (RESERVED_LOGINS.includes(login.toLowerCase()) || login.toLowerCase().startsWith("pg_")) {
    return [
      {
        prop: ["administratorLogin"],
        value: login,
        rule: `is reserved by Azure (${RESERVED_LOGINS.join(", ")}, or starting with pg_)`,
      },
    ];
  }
  return [];
}

function networkProblems(props: PostgresDatabaseLimits): PropProblem[] {
  const mode = props.networkMode ?? "public";
  if (mode !== "public" && mode !== "private") {
    return [{ prop: ["networkMode"], value: mode, rule: 'must be "public" or "private"' }];
  }
  if (mode === "public") {
    return [
      ...(props.delegatedSubnet
        ? [{ prop: ["delegatedSubnet"], rule: 'needs networkMode = "private"' }]
        : []),
      ...(props.privateDnsZone ? [{ prop: ["privateDnsZone"], rule: 'needs networkMode = "private"' }] : []),
    ];
  }
  const problems: PropProblem[] = [];
  if (!props.delegatedSubnet) {
    problems.push({
      prop: ["delegatedSubnet"],
      rule: 'is required with networkMode = "private" (a subnet delegated to PostgreSQL)',
    });
  }
  if (!props.privateDnsZone) {
    problems.push({
      prop: ["privateDnsZone"],
      rule: 'is required with networkMode = "private" (*.postgres.database.azure.com)',
    });
  }
  const zoneName = props.privateDnsZone?.nameInput;
  if (
    zoneName !== undefined &&
    !isUnresolved(zoneName) &&
    !zoneName.endsWith(".postgres.database.azure.com")
  ) {
    problems.push({
      prop: ["privateDnsZone", "name"],
      value: zoneName,
      rule: 'must end with ".postgres.database.azure.com" (Azure\'s rule for VNet-injected servers)',
    });
  }
  if ((props.allowedIpAddresses ?? []).length > 0) {
    problems.push({
      prop: ["allowedIpAddresses"],
      value: props.allowedIpAddresses,
      rule: 'needs networkMode "public"; a private server has no firewall',
    });
  }
  return problems;
}

function allowedIpProblems(addresses: readonly string[]): PropProblem[] {
  if (isUnresolved(addresses)) return [];
  const problems: PropProblem[] = [];
  addresses.forEach((address, index) => {
    if (isUnresolved(address)) return;
    const prop = ["allowedIpAddresses", index];
    const octets = address.split(".");
    const valid =
      octets.length === 4 && octets.every((o) => /^(0|[1-9][0-9]{0,2})$/.test(o) && Number(o) <= 255);
    if (!valid) {
      problems.push({
        prop,
        value: address,
        rule: "must be a single IPv4 address (no ranges or CIDR blocks)",
      });
    } else if (address === "0.0.0.0") {
      problems.push({
        prop,
        value: address,
        rule: "is Azure's \"allow all Azure services\" rule, which admits every tenant's Azure workloads",
      });
    }
    if (addresses.indexOf(address) !== index)
      problems.push({ prop, value: address, rule: "is listed twice" });
  });
  return problems;
}

/** The generated passwords: 40 characters, URL-safe, a new value when `version` changes. */
function generatedPassword(scope: Construct, id: string, version: number): RandomPassword {
  return new RandomPassword(scope, id, {
    length: 40,
    special: true,
    overrideSpecial: PASSWORD_SPECIAL_CHARACTERS,
    minLower: 1,
    minUpper: 1,
    minNumeric: 1,
    minSpecial: 1,
    keepers: { version: String(version) },
  });
}

/**
 * An Azure Database for PostgreSQL flexible server with one database and one login per
 * deployment slot, each slot's `DATABASE_URL` in Key Vault, TLS 1.2+ required, connections
 * logged and no open firewall.
 *
 * **Logins.** Each slot connects as its own login (`app_staging` for the staging slot): no
 * superuser, no CREATEROLE or CREATEDB, privileges on its own database only, CONNECT revoked from
 * PUBLIC (see `database-logins.ts`). This construct generates each login's password and writes
 * it, with the slot's `DATABASE_URL`, to the vault; the logins themselves are made inside
 * PostgreSQL by {@link PostgresLogins} in a stack applied from a place that reaches the server
 * (docs/database.md). The administrator's password goes to a secret no app identity is granted:
 * the vault must use RBAC, whose grants are per secret ({@link VaultSecret.grantRead}).
 *
 * **Passwords.** Generated by `random_password` resources and written with write-only arguments
 * (`administrator_password_wo`, the secrets' `value_wo`), so they are never in the synthesized
 * JSON; they are in the Terraform state of the `random_password`s (sensitive), which must be
 * protected anyway. An ephemeral password would keep them out of state too, but it yields a new
 * value on every run: a secret recreated on its own would get a password the server does not
 * have. Rotation: bump `passwordVersion`; it changes every password's keepers, the server's
 * `administrator_password_wo_version` and every secret's `value_wo_version` together. App Service
 * re-reads Key Vault references when the app restarts: pass {@link passwordVersion} to the apps as
 * a plain setting so a rotation restarts them.
 *
 * **Network.** "public" mode allows no address until told: {@link allowConnectionsFrom} adds one
 * rule per address of a web app's `possible_outbound_ip_address_list` (never the 0.0.0.0 "allow
 * all Azure services" rule). Those addresses are unknown until the app exists, and Terraform
 * cannot plan a `for_each` over unknown values: create the rules with {@link PostgresFirewallRules}
 * in a stack applied after the app's, which looks the app up by name. The addresses are shared
 * with every app of the same App Service scale unit, so the firewall narrows but does not
 * isolate; the per-slot logins do. "private" mode removes the public endpoint entirely.
 */
export class PostgresDatabase extends Construct implements IPostgresServer {
  /** Escape hatch: the flexible server. */
  readonly resource: AzPostgresqlFlexibleServer;
  /** Escape hatch: the generated administrator password (its `result` is sensitive). */
  readonly password: RandomPassword;
  /** Escape hatch: each slot login's generated password, by slot name. */
  readonly loginPasswords: ReadonlyMap<string, RandomPassword>;
  /** Server parameters set by the construct, by name. */
  readonly configurations: ReadonlyMap<string, AzPostgresqlFlexibleServerConfiguration>;
  /** Each slot's database, by slot name. */
  readonly databases: ReadonlyMap<string, AzPostgresqlFlexibleServerDatabase>;
  /** The slot logins: names, databases and secret names, for the stack that makes them. */
  readonly logins: DatabaseLoginPlan;
  /** The administrator's password in the vault: for the deployer, never granted to an app. */
  readonly administratorPasswordSecret: VaultSecret;
  readonly networkMode: PostgresNetworkMode;
  readonly administratorLogin: string;
  readonly vault: SecretVault;
  readonly secretNamePrefix: string;
  /** The password version: a plain app setting with it restarts the apps on rotation. */
  readonly passwordVersion: number;
  private readonly loginSecrets = new Map<string, VaultSecret>();
  private readonly urlSecrets = new Map<string, VaultSecret>();

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    this.networkMode = props.networkMode ?? "public";
    this.administratorLogin = props.administratorLogin ?? "pgadmin";
    this.passwordVersion = props.passwordVersion ?? 1;
    this.vault = props.vault;
    this.secretNamePrefix = props.secretNamePrefix ?? "";
    this.logins = databaseLoginPlan({ ...props, slots: props.slots ?? ["production"] });
    this.node.addValidation({
      validate: () =>
        validationMessages("PostgresDatabase", this, [
          ...postgresDatabaseProblems(props),
          ...this.sharedVaultProblems(),
        ]),
    });

    this.password = generatedPassword(this, "administrator-password", this.passwordVersion);
    this.loginPasswords = new Map(
      this.logins.slots.map(({ slot }) => [
        slot,
        generatedPassword(this, `login-password-${slot}`, this.passwordVersion),
      ]),
    );
    this.resource = this.createServer(props);
    this.configurations = new Map(
      Object.entries(POSTGRES_SERVER_PARAMETERS).map(([name, value]) => [
        name,
        new AzPostgresqlFlexibleServerConfiguration(this, `config-${name.replace(/_/g, "-")}`, {
          serverId: this.resource.id,
          name,
          value,
        }),
      ]),
    );
    this.createAllowedIpRules(props.allowedIpAddresses ?? []);
    this.databases = new Map(
      this.logins.slots.map(({ slot, database }) => [
        slot,
        new AzPostgresqlFlexibleServerDatabase(this, `database-${slot}`, {
          serverId: this.resource.id,
          name: database,
          charset: "UTF8",
          collation: "en_US.utf8",
          lifecycle: { preventDestroy: props.preventDestroy ?? true },
        }),
      ]),
    );
    this.administratorPasswordSecret = this.addSecret("administrator-secret", {
      name: this.logins.administratorSecretName,
      value: this.password.result,
    });
    for (const login of this.logins.slots) this.createSlotSecrets(login);
  }

  private createServer(props: PostgresDatabaseProps): AzPostgresqlFlexibleServer {
    const isPrivate = this.networkMode === "private";
    const autoGrow = props.storageAutoGrow ?? false;
    const highAvailability = props.highAvailability ?? false;
    const ignoreChanges = [
      ...(autoGrow ? ["storage_mb"] : []),
      // After a failover the standby is the primary: do not fail back on the next apply.
      ...(highAvailability ? ["zone", "high_availability[0].standby_availability_zone"] : []),
    ];
    return new AzPostgresqlFlexibleServer(this, "server", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      version: props.version ?? "16",
      skuName: props.skuName ?? "B_Standard_B1ms",
      storageMb: props.storageMb ?? 32768,
      autoGrowEnabled: autoGrow,
      backupRetentionDays: props.backupRetentionDays ?? 7,
      geoRedundantBackupEnabled: props.geoRedundantBackup ?? false,
      highAvailability: highAvailability ? { mode: "ZoneRedundant" } : undefined,
      administratorLogin: this.administratorLogin,
      administratorPasswordWo: this.password.result,
      administratorPasswordWoVersion: this.passwordVersion,
      publicNetworkAccessEnabled: !isPrivate,
      delegatedSubnetId: isPrivate ? props.delegatedSubnet?.id : undefined,
      privateDnsZoneId: isPrivate ? props.privateDnsZone?.id : undefined,
      tags: props.tags,
      lifecycle: {
        preventDestroy: props.preventDestroy ?? true,
        ignoreChanges: ignoreChanges.length > 0 ? ignoreChanges : undefined,
      },
    });
  }

  /** One rule per single address; duplicates are reported by the validation and created once. */
  private createAllowedIpRules(addresses: readonly string[]): void {
    if (this.networkMode === "private") return;
    for (const address of new Set(addresses)) {
      const label = address.replace(/\./g, "-");
      new AzPostgresqlFlexibleServerFirewallRule(this, `allow-ip-${label}`, {
        serverId: this.resource.id,
        name: `ip-${label}`,
        startIpAddress: address,
        endIpAddress: address,
      });
    }
  }

  /**
   * The slot login's password (deployer only) and the slot's URL (the slot's identity only).
   * The URL is a Terraform expression over the password, the server and the database: it exists
   * only at apply time and is written through the secret's `value_wo`.
   */
  private createSlotSecrets(login: SlotLogin): void {
    const password = this.loginPasswords.get(login.slot) as RandomPassword;
    const database = this.databases.get(login.slot) as AzPostgresqlFlexibleServerDatabase;
    this.loginSecrets.set(
      login.slot,
      this.addSecret(`login-secret-${login.slot}`, {
        name: login.passwordSecretName,
        value: password.result,
      }),
    );
    const url = `postgresql://${login.login}:${password.result}@${this.resource.fqdn}:5432/${database.name}?sslmode=require`;
    this.urlSecrets.set(
      login.slot,
      this.addSecret(`url-secret-${login.slot}`, {
        name: login.urlSecretName,
        value: url,
        contentType: "application/x-postgresql-url",
      }),
    );
  }

  /** Secrets live in this construct's scope, so two servers on one vault never share a construct id. */
  private addSecret(id: string, options: { name: string; value: string; contentType?: string }): VaultSecret {
    return new VaultSecret(this, id, { ...options, vault: this.vault, valueVersion: this.passwordVersion });
  }

  /** Another server writing to the same vault with the same prefix would overwrite these secrets. */
  private sharedVaultProblems(): PropProblem[] {
    const others = this.node.root.node
      .findAll()
      .filter(
        (c): c is PostgresDatabase =>
          c instanceof PostgresDatabase &&
          c !== this &&
          c.vault === this.vault &&
          c.secretNamePrefix === this.secretNamePrefix,
      );
    return others.map((other) => ({
      prop: ["secretNamePrefix"],
      value: this.secretNamePrefix,
      rule: `is also the prefix of PostgresDatabase ${other.node.path} on the same vault; their secret names would collide (give each server its own prefix)`,
    }));
  }

  get id(): string {
    return this.resource.id;
  }

  get name(): string {
    return this.resource.name;
  }

  /** Host name clients connect to, e.g. `psql-contoso-prod.postgres.database.azure.com`. */
  get fqdn(): string {
    return this.resource.fqdn;
  }

  /**
   * The slot's `DATABASE_URL` in Key Vault, with the slot's own login; pass it as the slot's
   * sticky `DATABASE_URL` setting and let the slot's identity read it (`grantRead`).
   */
  databaseUrlSecret(slot: string): VaultSecret {
    return this.slotSecret(this.urlSecrets, slot);
  }

  /** The slot login's password in Key Vault: read by the stack that makes the logins, never by an app. */
  loginPasswordSecret(slot: string): VaultSecret {
    return this.slotSecret(this.loginSecrets, slot);
  }

  private slotSecret(secrets: ReadonlyMap<string, VaultSecret>, slot: string): VaultSecret {
    const secret = secrets.get(slot);
    if (!secret) {
      throw new Error(
        `PostgresDatabase ${this.node.path}: no database for slot "${slot}" (slots: ${[...secrets.keys()].join(", ")})`,
      );
    }
    return secret;
  }

  /**
   * Opens the firewall to the outbound addresses of `client` (and its slots, which share them),
   * once per client. See the class documentation for the first-apply caveat; in a follow-up
   * stack, create {@link PostgresFirewallRules} there instead.
   */
  allowConnectionsFrom(client: PostgresClient): PostgresFirewallRules {
    const site = "possibleOutboundIpAddressList" in client ? client : client.resource;
    const id = grantId("allow", site);
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as PostgresFirewallRules;
    return new PostgresFirewallRules(this, id, {
      server: this,
      client: site,
      serverIsPrivate: this.networkMode === "private",
    });
  }
}
