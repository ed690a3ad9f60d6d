import { walk } from "../fix/ast-tools.ts";
import { FILTERED } from "../ingest/scrub.ts";
import type { ModuleFacts } from "./module-facts.ts";
import type { RecordedRequest } from "./reproduction.ts";

// A recorded request has its secrets scrubbed (`authorization: [Filtered]`), so replayed as it
// is, it stops at the app's authentication with a 401 and never reaches the crash. The
// repository's own tests show how a request gets through in a test: the header values they send
// (`{ headers: { authorization: "Bearer test-token" } }`). A scrubbed value is replaced with the
// tests' value for that header, or dropped; and when the tests send credentials the recorded
// request lacks altogether, a second variant carries them.

const SCRUBBED = new Set([FILTERED, "[filtered]", "[REDACTED]", "[redacted]", "<redacted>", "********", "***"]);
const CREDENTIAL_HEADERS = /^(?:authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-user-id|x-user|x-session-id|x-tenant-id|x-account-id)$/i;
const MAX_VALUE = 2_000;

/** Header values the repository's tests send, by lower-cased name (the first one seen wins). */
export function headersInTests(modules: ReadonlyMap<string, ModuleFacts>, tests: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const path of tests) {
    const facts = modules.get(path);
    if (!facts) continue;
    walk(facts.program, (node) => {
      if (node.type !== "ObjectProperty" || node.computed) return undefined;
      const key = node.key.type === "Identifier" ? node.key.name : node.key.type === "StringLiteral" ? node.key.value : null;
      if (key !== "headers" || node.value.type !== "ObjectExpression") return undefined;
      for (const header of node.value.properties) {
        if (header.type !== "ObjectProperty" || header.computed || header.value.type !== "StringLiteral") continue;
        const name = header.key.type === "Identifier" ? header.key.name : header.key.type === "StringLiteral" ? header.key.value : null;
        if (name === null || header.value.value.length > MAX_VALUE) continue;
        found[name.toLowerCase()] ??= header.value.value;
      }
      return undefined;
    });
  }
  return found;
}

export interface RequestVariant {
  request: RecordedRequest;
  /** What changed from the recording, for the attempt's description; null when nothing did. */
  change: string | null;
}

/**
 * The request to replay, with scrubbed headers settled, and, first, a variant with the tests'
 * credentials when the recording lacks them: production got past authentication to crash, so
 * the request did carry credentials, and their absence is the scrubbing's doing.
 */
export function requestVariants(request: RecordedRequest, testHeaders: Readonly<Record<string, string>>): RequestVariant[] {
  const headers: Record<string, string> = {};
  const replaced: string[] = [];
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SCRUBBED.has(value.trim())) {
      headers[name] = value;
      continue;
    }
    const known = testHeaders[name.toLowerCase()];
    if (known !== undefined) {
      headers[name] = known;
      replaced.push(name.toLowerCase());
    } else {
      dropped.push(name.toLowerCase());
    }
  }
  const notes = [
    ...(replaced.length > 0 ? [`the tests' ${replaced.join(", ")} in place of the scrubbed value`] : []),
    ...(dropped.length > 0 ? [`without the scrubbed ${dropped.join(", ")}`] : []),
  ];
  const variants: RequestVariant[] = [{ request: { ...request, headers }, change: notes.length > 0 ? notes.join(", ") : null }];
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const missing = Object.entries(testHeaders).filter(([name]) => CREDENTIAL_HEADERS.test(name) && !present.has(name));
  if (missing.length > 0) {
    variants.unshift({
      request: { ...request, headers: { ...headers, ...Object.fromEntries(missing) } },
      change: `with the tests' credentials (${missing.map(([name]) => name).join(", ")})`,
    });
  }
  return variants;
}
