/** How values are written in the report: one line, long ones abbreviated. */
export const MAX_VALUE_LENGTH = 80;

export function formatValue(value: unknown, max = MAX_VALUE_LENGTH): string {
  const text = (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))).replace(
    /\s+/g,
    " ",
  );
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Two versions of a value, abbreviated so that the difference stays visible: a long common
 * prefix is cut to "…" before both are shortened.
 */
export function formatChange(before: unknown, after: unknown, max = MAX_VALUE_LENGTH): [string, string] {
  const [a, b] = [
    formatValue(before, Number.POSITIVE_INFINITY),
    formatValue(after, Number.POSITIVE_INFINITY),
  ];
  if (a.length <= max && b.length <= max) return [a, b];
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  const start = common > 40 ? common - 30 : 0;
  const cut = (text: string) => formatValue(start > 0 ? `…${text.slice(start)}` : text, max);
  return [cut(a), cut(b)];
}

/** `value` if it is an array of one block or a block: cdktf writes single nested blocks either way. */
export function one(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Follows a dotted path through objects and single-block arrays. */
export function dig(value: unknown, dottedPath: string): unknown {
  let node = value;
  for (const key of dottedPath.split(".")) {
    node = one(node);
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Blocks that may be written as one object or as a list of them. */
export function blocks(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null);
}
