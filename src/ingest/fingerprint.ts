import { sha256Hex } from "../core/hash.ts";
import type { StackFrame } from "../core/stack-frame.ts";
import type { NormalizedEvent } from "./event.ts";
import { truncate } from "./sanitize.ts";

// Grouping: events with the same fingerprint are one detected_errors row. The default fingerprint
// is the exception type, the message with its variable parts parameterized, and the top in-app
// frames as "file:function" (no line or column, so an edit elsewhere in the file does not split
// the group). An explicit client fingerprint wins, with Sentry's "{{ default }}" placeholder.

const MAX_MESSAGE_LENGTH = 512;
/** Only this much of a message is read: a longer tail is almost always data, not shape. */
const MAX_MESSAGE_INPUT = 2048;
const MAX_TITLE_LENGTH = 200;
const FINGERPRINT_FRAMES = 3;
/** sha256 hex cut to 128 bits: collisions stay negligible and the key stays short in indexes and branch names. */
const FINGERPRINT_HEX_LENGTH = 32;
const MAX_EXPLICIT_PARTS = 32;

export interface GroupKey {
  fingerprint: string;
  normalizedMessage: string;
  title: string;
  culprit: { file: string; function: string | null; line: number | null } | null;
}

// Quoted text in a well-known JS engine error is an identifier or module path from the code, the
// part of the message that says which bug it is. Each pattern is tested against the text just
// before the opening quote.
//
// In identifier positions an engine also quotes a computed key (`cache[id]` on undefined throws
// "(reading 'u_123')"), so a value there that looks like an id becomes `'<id>'`: events that differ
// only in it are one group, as in Sentry, where the stack (part of every fingerprint) keeps other
// call sites apart. Module paths are always code, never data, and are kept whatever they look like.
const IDENTIFIER_QUOTED_AFTER: RegExp[] = [
  /\((?:reading|setting) $/, // Cannot read properties of undefined (reading 'email')
  /\bCannot (?:read|set) propert(?:y|ies) $/, // Cannot read property 'email' of undefined (Node < 16)
  /\bCannot destructure property $/, // Cannot destructure property 'id' of 'req.body' as it is undefined.
  /\bCannot destructure property '[^'\n]{1,100}' of $/,
  /\bCannot destructure $/, // Cannot destructure 'x' as it is undefined.
  /\bCannot access $/, // Cannot access 'x' before initialization
  /\b[Ii]dentifier $/, // Identifier 'x' has already been declared / Unexpected identifier 'x'
  /\bcan't access property $/, // Firefox: can't access property "email", user is undefined
  /\(evaluating $/, // Safari: undefined is not an object (evaluating 'user.email')
  /\bThe $/, // Node ERR_INVALID_ARG_TYPE: The "path" argument must be of type string.
  /\bwithout $/, // Class constructor Foo cannot be invoked without 'new'
];
const MODULE_QUOTED_AFTER: RegExp[] = [
  /\bCannot find (?:module|package) $/, // Cannot find module './db' / Cannot find package 'zod'
  /\bThe requested module $/, // The requested module './x.js' does not provide an export named 'y'
  /\bdoes not provide an export named $/,
  /\bModule not found $/, // Deno: Module not found "file:///src/x.ts".
  /\bRelative import path $/, // Deno: Relative import path "zod" not prefixed with / or ./ or ../
];
const KEEP_CONTEXT_LENGTH = 120;

const QUOTED = /(?<![\w'"`])(?:'[^'\n]{0,200}'|"[^"\n]{0,200}"|`[^`\n]{0,200}`)(?![\w'"`])/g;
const URL = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s'"`<>()]{1,2048}/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const ISO_DATE =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w])/g;
const TIME = /\b\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?(?![\w])/g;
const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;
// Candidates only; the callback checks the IPv6 shape.
const IPV6_CANDIDATE = /(?<![\w:.])[0-9a-fA-F:]{2,39}(?![\w:])/g;
const HEX = /(?<![\w$])(?:0x[0-9a-fA-F]{1,2048}|[0-9a-fA-F]{8,2048})(?![\w$])/g;
// Random-looking tokens (nanoids, base64 ids, Stripe-style ids): long and digit-heavy.
const TOKEN = /(?<![\w$-])[A-Za-z0-9_-]{16,2048}(?![\w$-])/g;
const NUMBER = /(?<![\w.$])\d{1,2048}(?:\.\d{1,2048})?(?![\w$])/g;

/**
 * The message with its variable parts replaced: `<uuid>`, `<email>`, `<url>`, `<ip>`, `<date>`,
 * `<hex>`, `<id>` (long digit-heavy tokens), `<n>`, and `'<str>'` for quoted values, except quoted
 * identifiers and module paths in well-known JS error shapes, which are kept as they are.
 */
export function normalizeMessage(message: string): string {
  if (typeof message !== "string" || message.length === 0) return "";
  const text = truncate(message, MAX_MESSAGE_INPUT);
  let out = "";
  let copied = 0;
  const quoted = new RegExp(QUOTED.source, "g");
  for (let match = quoted.exec(text); match !== null; match = quoted.exec(text)) {
    out += normalizePlain(text.slice(copied, match.index));
    const before = text.slice(Math.max(0, match.index - KEEP_CONTEXT_LENGTH), match.index);
    out += quotedShape(match[0], before);
    copied = match.index + match[0].length;
  }
  out += normalizePlain(text.slice(copied));
  out = out.replace(/\s+/g, " ").trim();
  return truncate(out, MAX_MESSAGE_LENGTH);
}

function quotedShape(quoted: string, before: string): string {
  const quote = quoted[0];
  if (MODULE_QUOTED_AFTER.some((pattern) => pattern.test(before))) return quoted;
  if (!IDENTIFIER_QUOTED_AFTER.some((pattern) => pattern.test(before))) return `${quote}<str>${quote}`;
  return looksLikeId(quoted.slice(1, -1)) ? `${quote}<id>${quote}` : quoted;
}

const SEPARATED_TOKEN = /^[A-Za-z0-9]{1,64}(?:[_:-][A-Za-z0-9]{1,64}){1,8}$/;
const ALPHANUMERIC = /^[A-Za-z0-9]{1,128}$/;

// `u_123`, `ord_9`, `user-42`, `42`, a UUID, `u8812`: data. `email`, `address2`, `oauth2`,
// `user.email`, `Symbol(Symbol.iterator)`: code.
function looksLikeId(value: string): boolean {
  if (!/\d/.test(value)) return false;
  if (SEPARATED_TOKEN.test(value)) return true;
  if (!ALPHANUMERIC.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits === value.length || (digits >= 3 && digits * 2 >= value.length) || (value.length >= 16 && isRandomToken(value));
}

function normalizePlain(text: string): string {
  if (text.length === 0) return text;
  let out = text;
  if (out.includes("://")) out = out.replace(URL, "<url>");
  if (out.includes("@")) out = out.replace(EMAIL, "<email>");
  if (!/\d/.test(out)) return out;
  out = out.replace(UUID, "<uuid>");
  out = out.replace(ISO_DATE, "<date>");
  if (out.includes(":")) out = out.replace(TIME, "<date>");
  out = out.replace(IPV4, "<ip>");
  if (out.includes(":")) out = out.replace(IPV6_CANDIDATE, (match) => (isIpv6(match) ? "<ip>" : match));
  // A hash mixes digits and letters; an all-digit run is a number, an all-letter one a word.
  out = out.replace(HEX, (match) => (match.startsWith("0x") || (/\d/.test(match) && /[a-f]/i.test(match)) ? "<hex>" : match));
  out = out.replace(TOKEN, (match) => (isRandomToken(match) ? "<id>" : match));
  return out.replace(NUMBER, "<n>");
}

function isIpv6(candidate: string): boolean {
  const doubleColon = candidate.indexOf("::");
  if (doubleColon !== candidate.lastIndexOf("::")) return false;
  const groups = candidate.split(":").filter((g) => g.length > 0);
  if (groups.length === 0) return candidate === "::";
  if (groups.some((g) => g.length > 4)) return false;
  return doubleColon >= 0 ? groups.length <= 7 : groups.length === 8;
}

// `handleOAuth2Callback` is an identifier; `V1StGXR8_Z5jdHi6B-myT` is an id.
function isRandomToken(token: string): boolean {
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
  }
  return digits >= 3 && letters >= 1;
}

/** The in-app frame nearest the throw (frames are oldest-first, so the last in-app one). */
export function culpritFrame(frames: StackFrame[]): StackFrame | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    if (frames[i].inApp) return frames[i];
  }
  return null;
}

/**
 * The group an event belongs to; null for events without an exception (request-only events).
 * fingerprint = the first 32 hex characters of sha256(JSON of the components).
 */
export function fingerprintEvent(event: NormalizedEvent): GroupKey | null {
  const exception = event.exception;
  if (exception === null) return null;
  const type = truncate(exception.type, MAX_TITLE_LENGTH);
  const normalizedMessage = normalizeMessage(exception.value);
  const defaults = [type, normalizedMessage, ...frameComponents(exception.frames)];
  const components = explicitComponents(event.fingerprint, defaults) ?? defaults;
  const fingerprint = sha256Hex(JSON.stringify(components)).slice(0, FINGERPRINT_HEX_LENGTH);
  const title = truncate(normalizedMessage ? `${type}: ${normalizedMessage}` : type, MAX_TITLE_LENGTH);
  const culprit = culpritFrame(exception.frames);
  return {
    fingerprint,
    normalizedMessage,
    title,
    culprit: culprit && { file: culprit.file, function: culprit.function, line: culprit.line },
  };
}

// The top in-app frames nearest the throw, newest first; when no frame is in-app (a crash inside
// a library), the top frames regardless, so such crashes still split by where they happened.
function frameComponents(frames: StackFrame[]): string[] {
  const inApp = frames.filter((frame) => frame.inApp);
  const chosen = (inApp.length > 0 ? inApp : frames).slice(-FINGERPRINT_FRAMES).reverse();
  return chosen.map((frame) => `${stableFile(frame.file)}:${frame.function ?? ""}`);
}

// Bundlers put content hashes in file names (`main.3f2a1b9c.js`); a new deploy must not split the group.
function stableFile(file: string): string {
  return file.replace(/(?<![0-9a-zA-Z])[0-9a-f]{8,64}(?![0-9a-zA-Z])/g, (match) => (/\d/.test(match) ? "<hex>" : match));
}

const DEFAULT_PLACEHOLDER = /^\{\{\s{0,8}default\s{0,8}\}\}$/;

function explicitComponents(fingerprint: string[] | null, defaults: string[]): string[] | null {
  if (!Array.isArray(fingerprint) || fingerprint.length === 0) return null;
  const components: string[] = [];
  for (const part of fingerprint.slice(0, MAX_EXPLICIT_PARTS)) {
    const text = truncate(String(part), MAX_MESSAGE_LENGTH);
    if (DEFAULT_PLACEHOLDER.test(text.trim())) components.push(...defaults);
    else components.push(text);
  }
  return components;
}
