// Recorded production data (paths, headers, bodies, ids) is attacker-controlled text. It enters a
// generated test only as string, number, boolean and null literals built here, with every
// character that could end a literal, a line or a comment escaped, lone surrogates and NUL
// included, so no recorded value can ever become code.

export interface LiteralStyle {
  quote: '"' | "'";
  indentUnit: string;
}

/** A string literal in the file's quote style; safe for any input. */
export function quoteString(value: string, quote: '"' | "'"): string {
  let out = quote;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    const ch = value[i]!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}${quote}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * An expression copied verbatim from the repository's own tests (`Date.UTC(2024, 0, 1)`, a
 * fixture's name), kept inside a value that is otherwise data. Never built from recorded
 * production data.
 */
export class RepoCode {
  constructor(readonly text: string) {}
}

/** A JSON-compatible value as a JS literal, keys unquoted where they are identifiers. */
export function jsLiteral(value: unknown, style: LiteralStyle, depth = 0): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof RepoCode) return value.text;
  if (typeof value === "string") return quoteString(value, style.quote);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  const pad = style.indentUnit.repeat(depth + 1);
  const close = style.indentUnit.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => jsLiteral(item, style, depth + 1));
    const inline = `[${items.join(", ")}]`;
    return inline.length <= 80 && !inline.includes("\n") ? inline : `[\n${items.map((item) => `${pad}${item},`).join("\n")}\n${close}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const items = entries.map(([key, item]) => `${IDENTIFIER.test(key) ? key : quoteString(key, style.quote)}: ${jsLiteral(item, style, depth + 1)}`);
    const inline = `{ ${items.join(", ")} }`;
    return inline.length <= 80 && !inline.includes("\n") ? inline : `{\n${items.map((item) => `${pad}${item},`).join("\n")}\n${close}}`;
  }
  return "null";
}

/** Text safe inside a test title: one line, printable, bounded. */
export function titleText(text: string, max = 100): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/[\ud800-\udfff]/g, "?").replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
