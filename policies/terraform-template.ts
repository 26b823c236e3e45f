/** One `${...}` interpolation or `%{...}` directive of a Terraform template string. */
export interface TemplateSequence {
  readonly kind: "interpolation" | "directive";
  /** The expression between the braces. */
  readonly expression: string;
}

/**
 * The live sequences of a string as Terraform's template parser reads it: `$${` and `%%{` are
 * escapes for the literal text, every other `${` or `%{` opens an expression that runs to its
 * matching `}` (braces inside quoted strings do not count).
 */
export function templateSequences(text: string): TemplateSequence[] {
  const found: TemplateSequence[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      i += 3;
      continue;
    }
    const opener = text.startsWith("${", i)
      ? "interpolation"
      : text.startsWith("%{", i)
        ? "directive"
        : undefined;
    if (!opener) {
      i += 1;
      continue;
    }
    const end = closingBrace(text, i + 2);
    found.push({ kind: opener, expression: text.slice(i + 2, end) });
    i = end + 1;
  }
  return found;
}

/** Index of the `}` that closes the expression starting at `start` (or the end of the text). */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "\\") i += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{") depth += 1;
    else if (char === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return text.length;
}

/** The expression without its quoted strings, so names inside them are not read as references. */
function withoutStrings(expression: string): string {
  return expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/**
 * The addresses an expression refers to (`var.x`, `local.x`, `data.t.n`, `ephemeral.t.n`,
 * `t.n` for a resource; `each`, `count`, `self` are the resource's own), and the functions it calls.
 */
export function expressionNames(expression: string): { references: string[]; functions: string[] } {
  const code = withoutStrings(expression);
  const functions = [...code.matchAll(/\b([A-Za-z_][\w]*)\s*\(/g)].map((m) => m[1]);
  const references = [...code.matchAll(/(?<![\w.])([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)+)/g)].map((m) => {
    const [first, ...rest] = `${m[1]}${m[2]}`.split(".");
    // `data.<type>.<name>` and `ephemeral.<type>.<name>` take three parts; `var.x`, `t.n`, `each.value`, two.
    return [first, ...rest.slice(0, first === "data" || first === "ephemeral" ? 2 : 1)].join(".");
  });
  return { references, functions };
}
