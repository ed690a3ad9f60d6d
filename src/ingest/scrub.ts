import type { StackFrame } from "../core/stack-frame.ts";
import type { NormalizedEvent, RequestInfo } from "./event.ts";

// Scrubbing runs on every event before anything is stored. Inputs are attacker-controlled, so
// every pattern here is linear-time: bounded quantifiers, no quantified groups that contain
// quantifiers, character classes that cannot overlap the text that must follow them, and a cheap
// substring test in front of each pattern so ordinary text skips most of them.

export const FILTERED = "[Filtered]";
/** Stands in for parts of a structure beyond scrubDeep's depth or size bounds. */
export const TRUNCATED = "[Truncated]";

/** scrubDeep's bounds; request bodies are cut to them at parsing, so scrubbing never cuts one. */
export const MAX_SCRUB_DEPTH = 10;
export const MAX_SCRUB_ENTRIES = 1_000;
const MAX_NODES = 10_000;

// Key names whose values are secrets wherever they appear: headers, JSON, query strings, key=value.
const SENSITIVE_KEY_PARTS = [
  "password",
  "passwd",
  "secret",
  "token",
  "api_key",
  "apikey",
  "access_key",
  "accesskey",
  "private_key",
  "privatekey",
  "cookie",
  "authorization",
  "credential",
  "signature",
  "session",
  "jwt",
  "card",
];
const SENSITIVE_KEYS_EXACT = new Set(["pwd", "auth", "key", "cvv", "cvc", "ssn", "pin", "otp"]);
// A number under these is the secret itself (a card, a CVV, a PIN); under "token" or "session" it
// is a count or a limit (`max_tokens: 1000`) and is kept.
const NUMERIC_SECRET_KEY_PARTS = ["card", "password", "passcode", "secret", "cvv", "cvc"];
const NUMERIC_SECRET_KEYS_EXACT = new Set(["pwd", "ssn", "pin", "otp"]);

// Headers that carry credentials whatever their value looks like (RFC 9110's Authorization and
// Proxy-Authorization, cookies, the usual API key header), and any name that says it holds one.
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);
const SECRET_HEADER_PARTS = ["token", "secret", "key"];

/** True when a value under this key (header, JSON property, query parameter) must not be kept. */
export function isSensitiveKey(key: string): boolean {
  const k = key.trim().toLowerCase().replace(/-/g, "_");
  if (SENSITIVE_KEYS_EXACT.has(k)) return true;
  for (const part of SENSITIVE_KEY_PARTS) if (k.includes(part)) return true;
  return false;
}

function isNumericSecretKey(key: string): boolean {
  const k = key.trim().toLowerCase().replace(/-/g, "_");
  if (NUMERIC_SECRET_KEYS_EXACT.has(k)) return true;
  return NUMERIC_SECRET_KEY_PARTS.some((part) => k.includes(part));
}

/** True when a request header's value is a credential and must not be kept. */
export function isSecretHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (SECRET_HEADERS.has(lower) || isSensitiveKey(lower)) return true;
  return SECRET_HEADER_PARTS.some((part) => lower.includes(part));
}

const PRIVATE_KEY_BLOCK = /(-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----)[A-Za-z0-9+/=\s]{1,20000}/g;
// scheme://user:password@host → scheme://user:[Filtered]@host
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@?#]{0,256}):[^\s/@?#]{1,256}@/gi;
// A Cookie header carries several secrets separated by ";": drop the whole value.
const COOKIE_HEADER = /\b((?:set-)?cookie["']?[ \t]{0,3}[=:][ \t]{0,3})[^\n]{1,8192}/gi;
const AUTH_SCHEME = /\b(bearer|basic|token|digest)([ \t]{1,10})([A-Za-z0-9._~+/=-]{8,4096})/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{0,4096}/g;
// The lookbehind keeps "task-runner-2024-…" from reading as an "sk-" key.
const API_KEY = new RegExp(
  String.raw`(?<![A-Za-z0-9_-])(?:` +
  [
    String.raw`sk-[A-Za-z0-9_-]{16,256}`, // OpenAI sk-…, sk-proj-…; Anthropic sk-ant-…
    String.raw`(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,256}`, // Stripe secret and restricted keys
    String.raw`whsec_[A-Za-z0-9]{16,256}`, // Stripe webhook secrets
    String.raw`(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{20,255}`, // GitHub tokens
    String.raw`github_pat_[A-Za-z0-9_]{20,255}`, // GitHub fine-grained tokens
    String.raw`sb_secret_[A-Za-z0-9_-]{8,255}`, // Supabase secret keys (sb_publishable_ is public by design)
    String.raw`(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`, // AWS access key ids
    String.raw`xox[abposr]-[A-Za-z0-9-]{10,255}`, // Slack tokens
    String.raw`AIza[A-Za-z0-9_-]{35}`, // Google API keys
    String.raw`npm_[A-Za-z0-9]{36}`, // npm tokens
  ].join("|") +
  ")",
  "g",
);
const API_KEY_HINT = /sk-|sk_|rk_|whsec_|gh[posur]_|github_pat_|sb_secret_|AKIA|ASIA|ABIA|ACCA|xox|AIza|npm_/;
const AWS_SECRET = /(aws_secret_access_key["']?[ \t]{0,3}[=:]?[ \t]{0,3}["']?)[A-Za-z0-9/+=]{40}/gi;
// key=value, key: value, "key": "value". Only the key and separator are matched; the key is judged
// by isSensitiveKey, and only then is the value consumed (sticky), so a harmless key never swallows
// text that holds the next pair ("Error: password=hunter2").
const KEY_SEPARATOR = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,128})(["']?[ \t]{0,3}[=:][ \t]{0,3})/g;
const VALUE = /"[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s"'&;,)]{1,4096}/y;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
// A run of digits with single spaces or dashes; length, grouping and Luhn are checked in code.
const CARD_CANDIDATE = /(?<![\w.-])[2-6]\d{3}[\d -]{8,26}\d(?![\w-])/g;
const FOUR_DIGITS = /\d{4}/;

/** Replace secrets and personal data in free text with [Filtered]. Linear-time on any input. */
export function scrubText(text: string): string {
  if (typeof text !== "string" || text.length === 0) return text;
  let out = text;
  if (out.includes("PRIVATE KEY-----")) out = out.replace(PRIVATE_KEY_BLOCK, `$1${FILTERED}`);
  if (out.includes("://") && out.includes("@")) out = out.replace(URL_CREDENTIALS, `$1:${FILTERED}@`);
  const lower = out.toLowerCase();
  if (lower.includes("cookie")) out = out.replace(COOKIE_HEADER, `$1${FILTERED}`);
  if (lower.includes("bearer") || lower.includes("basic") || lower.includes("token") || lower.includes("digest")) {
    out = out.replace(AUTH_SCHEME, (match, scheme: string, space: string, credential: string) =>
      looksLikeCredential(credential) ? `${scheme}${space}${FILTERED}` : match,
    );
  }
  if (out.includes("eyJ")) out = out.replace(JWT, FILTERED);
  if (API_KEY_HINT.test(out)) {
    out = out.replace(API_KEY, (match) => (/\d/.test(match) ? FILTERED : match));
  }
  if (lower.includes("aws_secret_access_key")) out = out.replace(AWS_SECRET, `$1${FILTERED}`);
  if (out.includes("=") || out.includes(":")) out = scrubKeyValues(out);
  if (out.includes("@")) out = out.replace(EMAIL, FILTERED);
  if (FOUR_DIGITS.test(out)) out = out.replace(CARD_CANDIDATE, (match) => (isCardNumber(match) ? FILTERED : match));
  return out;
}

// "Bearer of bad news" is prose; a credential has a digit or is long.
function looksLikeCredential(value: string): boolean {
  return /\d/.test(value) || value.length >= 20;
}

const HARMLESS_VALUES = new Set(["true", "false", "null", "undefined", "none", "bearer", "basic", "token", "digest"]);

function scrubKeyValues(text: string): string {
  const keyRe = new RegExp(KEY_SEPARATOR.source, "g");
  const valueRe = new RegExp(VALUE.source, "y");
  let out = "";
  let copied = 0;
  for (let match = keyRe.exec(text); match !== null; match = keyRe.exec(text)) {
    if (!isSensitiveKey(match[1])) continue;
    valueRe.lastIndex = keyRe.lastIndex;
    const value = valueRe.exec(text)?.[0];
    if (value === undefined) continue;
    const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : "";
    const bare = quote ? value.slice(1, -1) : value;
    keyRe.lastIndex = valueRe.lastIndex;
    if (bare.length === 0 || bare.startsWith(FILTERED) || HARMLESS_VALUES.has(bare.toLowerCase())) continue;
    out += `${text.slice(copied, keyRe.lastIndex - value.length)}${quote}${FILTERED}${quote}`;
    copied = keyRe.lastIndex;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isCardNumber(candidate: string): boolean {
  const groups = candidate.split(/[ -]/);
  if (groups.some((g) => g.length === 0)) return false; // doubled separators: not a printed card
  // Printed cards are one run or groups of 4–6 (4-4-4-4, Amex 4-6-5, Diners 4-6-4).
  if (groups.length > 1 && groups.some((g) => g.length < 4 || g.length > 6)) return false;
  const digits = groups.join("");
  if (digits.length < 13 || digits.length > 19) return false;
  return luhnValid(digits);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Scrub a URL: credentials, sensitive query and fragment parameters, secrets anywhere in it. */
export function scrubUrl(url: string): string {
  if (typeof url !== "string" || url.length === 0) return url;
  const hashAt = url.indexOf("#");
  const beforeHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : null;
  const queryAt = beforeHash.indexOf("?");
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : null;
  let out = scrubText(base);
  if (query !== null) out += `?${scrubParams(query)}`;
  // OAuth's implicit flow puts access_token in the fragment.
  if (fragment !== null) out += `#${fragment.includes("=") ? scrubParams(fragment) : scrubText(fragment)}`;
  return out;
}

function scrubParams(params: string): string {
  return params
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq >= 0 ? pair.slice(0, eq) : pair;
      if (eq < 0) return scrubText(pair);
      if (isSensitiveKey(safeDecode(key))) return `${key}=${FILTERED}`;
      const value = pair.slice(eq + 1);
      const decoded = safeDecode(value);
      const scrubbed = scrubText(decoded);
      return `${key}=${scrubbed === decoded ? value : scrubbed}`;
    })
    .join("&");
}

function safeDecode(text: string): string {
  if (!text.includes("%") && !text.includes("+")) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * A scrubbed copy of the event. The user id is left as it is: the store hashes it. An explicit
 * fingerprint is scrubbed too; it is stored, and scrubbing is deterministic, so grouping by it
 * still works (values that were secrets collapse into one group, which is the safe direction).
 */
export function scrubEvent(event: NormalizedEvent): NormalizedEvent {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.tags)) {
    tags[key] = isSensitiveKey(key) ? FILTERED : scrubText(value);
  }
  return {
    ...event,
    exception: event.exception && {
      type: event.exception.type,
      value: scrubText(event.exception.value),
      frames: event.exception.frames.map(scrubFrame),
      ...(event.exception.causes
        ? { causes: event.exception.causes.map((cause) => ({ type: cause.type, value: scrubText(cause.value), frames: cause.frames.map(scrubFrame) })) }
        : {}),
    },
    request: event.request && scrubRequest(event.request),
    tags,
    fingerprint: event.fingerprint && event.fingerprint.map(scrubText),
  };
}

function scrubRequest(request: RequestInfo): RequestInfo {
  const scrubbed: RequestInfo = {
    ...request,
    url: request.url === null ? null : scrubUrl(request.url),
    route: scrubText(request.route),
  };
  if (request.headers) scrubbed.headers = scrubHeaders(request.headers);
  if (request.body !== undefined && request.body !== null) scrubbed.body = scrubDeep(request.body);
  return scrubbed;
}

/** Credential headers become [Filtered]; other values are scrubbed as text. */
export function scrubHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? FILTERED : scrubText(value);
  return out;
}

function scrubFrame(frame: StackFrame): StackFrame {
  return {
    ...frame,
    file: scrubText(frame.file),
    function: frame.function === null ? null : scrubText(frame.function),
  };
}

/**
 * Scrub arbitrary JSON (request bodies, extra context): values under sensitive keys become
 * [Filtered]; numbers there too when the key names a secret that can be a number (`card`, `cvv`,
 * `pin`, `password`), while `max_tokens: 1000` is kept; booleans and null are kept; strings go
 * through scrubText. Deeper than 10 levels or past 10,000 values, content becomes [Truncated].
 */
export function scrubDeep(value: unknown): unknown {
  const budget = { nodes: MAX_NODES };
  return scrubNode(value, 0, budget);
}

function scrubNode(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (budget.nodes <= 0) return TRUNCATED;
  budget.nodes--;
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "function" || typeof value === "symbol") return undefined;
    return value;
  }
  if (depth >= MAX_SCRUB_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_SCRUB_ENTRIES).map((item) => scrubNode(item, depth + 1, budget));
    if (value.length > MAX_SCRUB_ENTRIES) items.push(TRUNCATED);
    return items;
  }
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(value)) {
    if (count++ >= MAX_SCRUB_ENTRIES) {
      out[TRUNCATED] = TRUNCATED;
      break;
    }
    const child = (value as Record<string, unknown>)[key];
    if (isSensitiveKey(key) && child !== null && typeof child !== "boolean" && (typeof child !== "number" || isNumericSecretKey(key))) {
      budget.nodes--;
      out[key] = FILTERED;
      continue;
    }
    out[key] = scrubNode(child, depth + 1, budget);
  }
  return out;
}
