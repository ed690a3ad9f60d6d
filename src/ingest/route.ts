import { truncate } from "./sanitize.ts";

// A request's route is the key of request_metrics, so it must have few distinct values: the path
// only, with ids, UUIDs, tokens and emails replaced by placeholders.

const MAX_ROUTE_LENGTH = 200;
// Only the first part of a hostile URL can matter for a 200-character route.
const MAX_INPUT_LENGTH = 4096;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^\d{1,64}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[A-Za-z]{2,24}$/;
const TOKEN = /^[A-Za-z0-9_=~.-]{16,}$/;

/** `https://x.com/users/42/orders/9f1c…?page=2` → `/users/:id/orders/:id`. "/" when empty. */
export function routeFromUrl(url: string): string {
  if (typeof url !== "string") return "/";
  let path = truncate(url, MAX_INPUT_LENGTH).trim();
  const scheme = /^[a-z][a-z0-9+.-]{0,20}:\/\//i.exec(path);
  if (scheme) {
    const rest = path.slice(scheme[0].length);
    const end = rest.search(/[/?#]/);
    path = end >= 0 && rest[end] === "/" ? rest.slice(end) : "/";
  }
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  const segments: string[] = [];
  for (const raw of path.split("/")) {
    // Matrix parameters (`;jsessionid=…`) are state, not route.
    const segment = raw.split(";")[0];
    if (segment.length === 0) continue;
    segments.push(parameterizeSegment(segment));
  }
  const route = `/${segments.join("/")}`;
  return truncate(route, MAX_ROUTE_LENGTH);
}

function parameterizeSegment(segment: string): string {
  const decoded = safeDecode(segment);
  if (NUMERIC.test(decoded) || UUID.test(decoded)) return ":id";
  if (EMAIL.test(decoded)) return ":email";
  // Long tokens with digits (hashes, base64 ids, nanoids) are ids; long words and slugs without
  // digits (`reset-password-confirmation`) are routes.
  if (TOKEN.test(decoded) && /\d/.test(decoded)) return ":id";
  return segment;
}

function safeDecode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
