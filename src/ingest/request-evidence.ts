import { MAX_BODY_BYTES, MAX_HEADERS, MAX_LINE_LENGTH } from "./event.ts";
import { truncate, truncateUtf8, utf8Length } from "./sanitize.ts";
import { MAX_SCRUB_DEPTH, MAX_SCRUB_ENTRIES, TRUNCATED } from "./scrub.ts";

// What of a failing request is kept so it can be replayed: its headers and its body, bounded.
// Credentials in them are redacted later, by scrubbing, like every other text.

/** Longer header names are not headers any server sends; they are dropped. */
const MAX_HEADER_NAME_LENGTH = 256;

/**
 * Header pairs (an object's entries, or Sentry's `[[name, value], …]`) → names trimmed and
 * lowercased, values cut at 1,024 characters; numbers and booleans become strings, a list of
 * strings is joined with ", " as HTTP joins repeated headers, anything else is dropped. At most
 * 50 names; null when none is left.
 */
export function normalizeHeaders(entries: Iterable<readonly [unknown, unknown]>): Record<string, string> | null {
  const headers: Record<string, string> = {};
  let count = 0;
  for (const [rawName, raw] of entries) {
    if (typeof rawName !== "string") continue;
    const name = rawName.trim().toLowerCase();
    if (name.length === 0 || name.length > MAX_HEADER_NAME_LENGTH) continue;
    const value = headerValue(raw);
    if (value === null) continue;
    if (name in headers) {
      headers[name] = truncate(`${headers[name]}, ${value}`, MAX_LINE_LENGTH);
      continue;
    }
    if (count >= MAX_HEADERS) continue;
    count++;
    headers[name] = truncate(value, MAX_LINE_LENGTH);
  }
  return count > 0 ? headers : null;
}

function headerValue(raw: unknown): string | null {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  if (typeof raw === "boolean") return String(raw);
  if (Array.isArray(raw) && raw.length > 0 && raw.every((item) => typeof item === "string")) {
    return truncate(raw.join(", "), MAX_LINE_LENGTH);
  }
  return null;
}

export interface BoundedBody {
  body: unknown;
  /** The body was cut: to its first 16 KiB of text, or below scrubbing's depth and width. */
  truncated: boolean;
}

/**
 * A body within 16 KiB serialized, null for none. A string is the body as received; a JSON value
 * is kept as a structure when it fits, or becomes the first 16 KiB of its JSON text when it does
 * not. Structures deeper or wider than scrubbing walks are cut where scrubbing would cut them
 * (TRUNCATED in their place), so what is stored is what was scrubbed. Either cut sets `truncated`.
 */
export function boundBody(raw: unknown): BoundedBody | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string") {
    return utf8Length(raw) <= MAX_BODY_BYTES ? { body: raw, truncated: false } : { body: truncateUtf8(raw, MAX_BODY_BYTES), truncated: true };
  }
  if (typeof raw !== "object") return { body: raw, truncated: false };
  const serialized = serializeBounded(raw, MAX_BODY_BYTES);
  if (!serialized.complete) return { body: truncateUtf8(serialized.text, MAX_BODY_BYTES), truncated: true };
  if (serialized.pruned) return { body: JSON.parse(serialized.text), truncated: true };
  return { body: raw, truncated: false };
}

/**
 * JSON text of `value`, stopping as soon as it passes `maxBytes` (a 5 MB body costs no more than
 * a 16 KiB one), with structures below scrubbing's depth and width replaced by TRUNCATED. Written
 * by hand because JSON.stringify recurses without bound: a deeply nested body would overflow the
 * stack.
 */
function serializeBounded(value: object, maxBytes: number): { text: string; complete: boolean; pruned: boolean } {
  const parts: string[] = [];
  let bytes = 0;
  let pruned = false;
  const push = (piece: string): boolean => {
    parts.push(piece);
    bytes += utf8Length(piece);
    return bytes <= maxBytes;
  };
  const cut = (): boolean => {
    pruned = true;
    return push(JSON.stringify(TRUNCATED));
  };
  const write = (node: unknown, depth: number): boolean => {
    if (node === null || typeof node !== "object") return push(JSON.stringify(node) ?? "null");
    if (depth >= MAX_SCRUB_DEPTH) return cut();
    if (Array.isArray(node)) {
      if (!push("[")) return false;
      const shown = Math.min(node.length, MAX_SCRUB_ENTRIES);
      for (let i = 0; i < shown; i++) {
        if ((i > 0 && !push(",")) || !write(node[i], depth + 1)) return false;
      }
      if (node.length > shown && !(push(",") && cut())) return false;
      return push("]");
    }
    if (!push("{")) return false;
    let written = 0;
    for (const [key, item] of Object.entries(node)) {
      if (item === undefined) continue;
      if (written > 0 && !push(",")) return false;
      if (written === MAX_SCRUB_ENTRIES) {
        if (!(push(`${JSON.stringify(TRUNCATED)}:`) && cut())) return false;
        break;
      }
      written++;
      if (!push(`${JSON.stringify(key)}:`) || !write(item, depth + 1)) return false;
    }
    return push("}");
  };
  const complete = write(value, 0);
  return { text: parts.join(""), complete, pruned };
}

/**
 * Sentry's `request.data` is the body as the SDK captured it, usually the raw text: text that
 * parses as a JSON object or array is kept as that structure, other text as it is.
 */
export function bodyFromText(data: unknown): unknown {
  if (typeof data !== "string") return data;
  const text = data.trim();
  if (!(text.startsWith("{") || text.startsWith("[")) || utf8Length(text) > MAX_BODY_BYTES) return data;
  try {
    return JSON.parse(text);
  } catch {
    return data;
  }
}

/**
 * The URL with Sentry's `query_string` (text, an object or `[[key, value], …]`) appended when
 * the URL has none of its own. Only the characters that would change the query's structure are
 * escaped: everything else, odd characters included, is left for the sanitizing step to judge.
 */
export function withQueryString(url: string, query: unknown): string {
  if (url.includes("?") || query === null || query === undefined) return url;
  let text = "";
  if (typeof query === "string") text = query.startsWith("?") ? query.slice(1) : query;
  else if (typeof query === "object") {
    const pairs = Array.isArray(query) ? query : Object.entries(query);
    text = pairs
      .filter((pair): pair is [string, unknown] => Array.isArray(pair) && typeof pair[0] === "string")
      .flatMap(([key, value]) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [`${escapeQueryPart(key)}=${escapeQueryPart(String(value))}`] : []))
      .join("&");
  }
  return text.length > 0 ? `${url}?${text}` : url;
}

function escapeQueryPart(part: string): string {
  return part.replace(/[%&=#+\s]/g, (c) => encodeURIComponent(c));
}
