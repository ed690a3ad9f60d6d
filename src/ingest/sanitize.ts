import type { NormalizedEvent } from "./event.ts";
import { TRUNCATED } from "./scrub.ts";

// The one step that makes outside text storable. PostgreSQL refuses NUL in text and jsonb
// (22P05) and a lone UTF-16 surrogate has no UTF-8 encoding (22P02 in a jsonb escape); either
// refusal fails the whole statement, and every valid event written with it is lost. Other C0
// control characters are stored fine but rewrite terminals and logs that later show the text.
// All of them are replaced with U+FFFD before storage, and the event records which fields were
// touched. Tab, newline and carriage return stay: stacks and messages are multi-line.

/** Unicode's replacement character. */
export const REPLACEMENT_CHARACTER = "\uFFFD";
/** Field paths recorded per event; a body full of NULs must not make the record itself large. */
export const MAX_SANITIZED_PATHS = 50;
/** Deeper JSON is not walked (parsing and scrubbing bound bodies far below this): it is cut. */
const MAX_DEPTH = 64;

// With the u flag a valid surrogate pair is one code point and only a lone half matches \p{Cs}.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\p{Cs}]/u;
const UNSAFE_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\p{Cs}]/gu;
// The same without the u flag, so also any surrogate: a cheaper first test that plain text fails.
const MAYBE_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/;

function isUnsafe(text: string): boolean {
  return MAYBE_UNSAFE.test(text) && UNSAFE.test(text);
}

/** The text with NUL, C0 controls other than tab/newline/CR, and lone surrogates replaced. */
export function sanitizeText(text: string): string {
  return isUnsafe(text) ? text.replace(UNSAFE_ALL, REPLACEMENT_CHARACTER) : text;
}

/** At most `max` UTF-16 units, cut on a code-point boundary: never half of a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** Bytes of the text in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The longest prefix of at most `maxBytes` UTF-8 bytes, cut on a code-point boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1));
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * The event with every text in it sanitized, keys included: type, value, frames, causes,
 * environment, release, URL, route, headers, body, tags, fingerprint, and any field added later,
 * because the walk follows the data rather than a list of fields. `sanitized` lists the paths of
 * the texts that changed (`exception.value`, `request.body.items.0.name`, `tags.region`). An
 * event with nothing to replace is returned as it is, which is nearly every event.
 */
export function sanitizeEvent(event: NormalizedEvent): NormalizedEvent {
  if (!containsUnsafeText(event, 0)) return event;
  const changed: string[] = [];
  const record = (path: string) => {
    if (changed.length < MAX_SANITIZED_PATHS && !changed.includes(path)) changed.push(path);
  };
  const result = sanitizeNode(event, "", 0, record) as NormalizedEvent;
  result.sanitized = changed;
  return result;
}

function containsUnsafeText(value: unknown, depth: number): boolean {
  if (typeof value === "string") return isUnsafe(value);
  if (value === null || typeof value !== "object" || value instanceof Date) return false;
  if (depth >= MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (containsUnsafeText(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (isUnsafe(key) || containsUnsafeText((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function sanitizeNode(value: unknown, path: string, depth: number, record: (path: string) => void): unknown {
  if (typeof value === "string") {
    const safe = sanitizeText(value);
    if (safe !== value) record(path);
    return safe;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) {
    record(path);
    return TRUNCATED;
  }
  const prefix = path === "" ? "" : `${path}.`;
  if (Array.isArray(value)) return value.map((item, i) => sanitizeNode(item, `${prefix}${i}`, depth + 1, record));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safeKey = sanitizeText(key);
    if (safeKey !== key) record(`${prefix}${safeKey}`);
    out[safeKey] = sanitizeNode(item, `${prefix}${safeKey}`, depth + 1, record);
  }
  return out;
}
