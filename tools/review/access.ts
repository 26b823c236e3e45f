import { dotted, leaves } from "./diff";
import type { JsonObject } from "./synth-dir";
import { blocks, dig, formatValue } from "./values";

/** One way a resource is reachable from more places or with weaker credentials than before. */
export interface Opening {
  /** What is open now, e.g. "public network access". */
  readonly what: string;
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/** A setting whose value opens access. */
interface AccessRule {
  /** Dotted attribute path, without list indexes. */
  readonly path: string;
  readonly what: string;
  readonly opens: (value: unknown) => boolean;
  /** Removing the attribute opens access too: the provider's default is the open value. */
  readonly absentOpens?: boolean;
}

const isTrue = (value: unknown) => value === true;
const isFalse = (value: unknown) => value === false;
const allows = (value: unknown) => value === "Allow";
const oldTls = (value: unknown) => value === "1.0" || value === "1.1";

const RULES: readonly AccessRule[] = [
  { path: "public_network_access_enabled", what: "public network access", opens: isTrue, absentOpens: true },
  { path: "public_network_access", what: "public network access", opens: (value) => value === "Enabled" },
  { path: "anonymous_pull_enabled", what: "anonymous image pull", opens: isTrue },
  { path: "admin_enabled", what: "the registry's admin user (a shared password)", opens: isTrue },
  { path: "local_auth_enabled", what: "key (SAS) authentication", opens: isTrue },
  {
    path: "local_authentication_disabled",
    what: "key authentication",
    opens: isFalse,
    absentOpens: true,
  },
  { path: "shared_access_key_enabled", what: "storage account keys", opens: isTrue },
  { path: "allow_nested_items_to_be_public", what: "public blobs", opens: isTrue },
  { path: "network_rule_set.default_action", what: "access from any network", opens: allows },
  { path: "network_acls.default_action", what: "access from any network", opens: allows },
  { path: "network_rules.default_action", what: "access from any network", opens: allows },
  {
    path: "site_config.ip_restriction_default_action",
    what: "the site to every address",
    opens: allows,
    absentOpens: true,
  },
  {
    path: "site_config.scm_ip_restriction_default_action",
    what: "the deployment (SCM) site to every address",
    opens: allows,
    absentOpens: true,
  },
  { path: "https_only", what: "plain HTTP", opens: isFalse, absentOpens: true },
  { path: "site_config.ftps_state", what: "plain FTP", opens: (value) => value === "AllAllowed" },
  { path: "ftp_publish_basic_authentication_enabled", what: "FTP with a password", opens: isTrue },
  {
    path: "webdeploy_publish_basic_authentication_enabled",
    what: "Web Deploy with a password",
    opens: isTrue,
  },
  { path: "site_config.minimum_tls_version", what: "TLS older than 1.2", opens: oldTls },
  { path: "minimum_tls_version", what: "TLS older than 1.2", opens: oldTls },
];

/** Lists of allow and deny entries that restrict who reaches a site. */
const RESTRICTION_LISTS = ["site_config.ip_restriction", "site_config.scm_ip_restriction"];

/** A firewall rule of any service: each one lets an address range in. */
const FIREWALL_RULE = /_firewall_rule$/;

/** The value of a dotted path (single blocks written as objects or one-element lists alike). */
function valueAt(body: JsonObject | undefined, path: string): unknown {
  if (!body) return undefined;
  for (const [key, leaf] of leaves(body)) if (dotted(key) === path) return leaf.value;
  return undefined;
}

const show = (value: unknown) => (value === undefined ? "(absent)" : formatValue(value));

/** What an address range means. */
function range(start: unknown, end: unknown): string {
  if (start === "0.0.0.0" && end === "255.255.255.255") return "the whole internet";
  if (start === "0.0.0.0" && end === "0.0.0.0") return "every Azure service, of any tenant";
  return start === end ? formatValue(start) : `${formatValue(start)}-${formatValue(end)}`;
}

function restrictionEntries(body: JsonObject | undefined, path: string): string[] {
  return blocks(dig(body, path)).map(
    (entry) =>
      `${formatValue(entry.action ?? "Allow")} ${formatValue(entry.ip_address ?? entry.service_tag ?? entry.virtual_network_subnet_id ?? "?")}`,
  );
}

/**
 * How `after` opens access compared with `before` (undefined for a new resource): settings that
 * open network access or weaken authentication, allow entries added to or deny entries removed
 * from access restrictions, and firewall rules added or changed (`describe` puts a `for_each`
 * into words). Reads raw bodies; none of these settings is a secret.
 */
export function openings(
  type: string,
  before: JsonObject | undefined,
  after: JsonObject,
  describe: (value: unknown) => string = (value) => formatValue(value, 60),
): Opening[] {
  const found: Opening[] = [];
  for (const rule of RULES) {
    const [was, is] = [valueAt(before, rule.path), valueAt(after, rule.path)];
    const openNow =
      is === undefined ? Boolean(before) && rule.absentOpens === true && was !== undefined : rule.opens(is);
    const openBefore =
      before !== undefined && (was === undefined ? rule.absentOpens === true : rule.opens(was));
    if (openNow && !openBefore)
      found.push({ what: rule.what, path: rule.path, before: show(was), after: show(is) });
  }
  for (const path of RESTRICTION_LISTS) {
    const [was, is] = [restrictionEntries(before, path), restrictionEntries(after, path)];
    const opened =
      is.some((entry) => entry.startsWith("Allow") && !was.includes(entry)) ||
      was.some((entry) => entry.startsWith("Deny") && !is.includes(entry)) ||
      (was.length > 0 && is.length === 0);
    if (opened && before) {
      found.push({
        what: "access restrictions",
        path,
        before: was.join(", ") || "(none)",
        after: is.join(", ") || "(none)",
      });
    }
  }
  if (FIREWALL_RULE.test(type)) {
    const where = (body: JsonObject | undefined) =>
      body === undefined
        ? "(absent)"
        : body.for_each !== undefined
          ? `one rule per ${describe(body.for_each)}`
          : range(body.start_ip_address, body.end_ip_address);
    if (where(before) !== where(after)) {
      found.push({
        what: "addresses let in",
        path: after.for_each === undefined ? "start_ip_address" : "for_each",
        before: where(before),
        after: where(after),
      });
    }
  }
  return found;
}
