import { parseSettings } from "../config/healing-config.ts";
import { coerceError, errorCode } from "../core/errors.ts";
import { HttpError, httpErrorResponse, jsonResponse } from "../core/http-response.ts";
import type { Logger } from "../core/logger.ts";
import { BodyTooLargeError, readCappedStream, refuseDeclaredLength } from "../core/read-capped-body.ts";
import { reserveIngestQuota } from "../store/ingest/reserve-ingest-quota.ts";
import { findProjectByKey, type ProjectWithConfig } from "../store/projects/find-project-by-key.ts";
import type { Sql } from "../store/sql.ts";
import { BodyParseError, type ParsedBatch } from "./batch.ts";
import { parseGenericBatch } from "./generic-event.ts";
import { matchSentryPath, parseSentryEnvelope, parseSentryStoreBody, readSentryAuth } from "./sentry-protocol.ts";
import { StoreIncompleteError, storeEvents, type StoreEventsResult } from "./store-events.ts";
import { parseVercelDrain } from "./vercel-drain.ts";

// The ingest endpoint: one (Request) => Response for Node and Deno. Routes by path:
//   …/api/<project>/envelope/ and …/api/<project>/store/  Sentry SDK protocol (DSN public key)
//   …/vercel                                              Vercel log drain (Bearer ingest key)
//   anything else                                         Suture's generic events (Bearer ingest key)
// Bad input never produces a 500 and no response ever carries a stack trace.

export interface IngestHandlerDeps {
  sql: Sql;
  logger: Logger;
  now?: () => Date;
  /** Hard cap before a project is known; per-project limits come from its settings. */
  maxBodyBytes?: number;
}

type Format = "generic" | "vercel" | "sentry-envelope" | "sentry-store";

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Decompressed bodies are capped at this multiple of the body limit (zip bombs). */
const DECOMPRESSION_FACTOR = 4;

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, content-encoding, x-suture-key, x-sentry-auth",
};

export function createIngestHandler(deps: IngestHandlerDeps): (request: Request) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  const hardLimit = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async function handleIngest(request: Request): Promise<Response> {
    try {
      if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
      if (request.method !== "POST") throw new HttpError(405, "use POST to send events", { allow: "POST, OPTIONS" });
      const url = new URL(request.url);
      const sentryPath = matchSentryPath(url.pathname);
      const format: Format = sentryPath
        ? sentryPath.kind === "envelope" ? "sentry-envelope" : "sentry-store"
        : /\/vercel\/?$/.test(url.pathname) ? "vercel" : "generic";

      const body = await readBody(request, hardLimit);
      const receivedAt = now();

      // Authenticate before parsing; only a Sentry envelope may carry its key inside (the DSN header).
      let key = format === "generic" || format === "vercel" ? readBearerKey(request) : readSentryAuth(request, url);
      const sentryEnvelope = format === "sentry-envelope" ? parseSentryEnvelope(body, receivedAt) : null;
      key ??= sentryEnvelope ? readSentryAuth(request, url, sentryEnvelope.header) : null;
      const project = await authenticate(deps.sql, key, sentryPath?.projectId ?? null);
      const batch = sentryEnvelope ? sentryEnvelope.batch : parseBody(format, decodeText(body), receivedAt);
      const settings = parseSettings(project.settings);
      if (body.byteLength > settings.ingest.maxBodyBytes) {
        throw new HttpError(413, `body is ${body.byteLength} bytes; this project's limit is ${settings.ingest.maxBodyBytes}`);
      }
      if (batch.events.length > 0) {
        const quota = await reserveIngestQuota(deps.sql, project.id, batch.events.length, settings.ingest.eventsPerMinute, receivedAt);
        if (!quota.allowed) {
          throw new HttpError(
            429,
            `rate limit: this project accepts ${settings.ingest.eventsPerMinute} events per minute; retry after ${quota.retryAfterSeconds} s`,
            { "retry-after": String(quota.retryAfterSeconds) },
          );
        }
      }
      let stored: StoreEventsResult;
      try {
        stored = await storeEvents(deps.sql, project.id, batch.events, { requestSamplesPerRoute: settings.ingest.requestSamplesPerRoute });
      } catch (error) {
        if (!(error instanceof StoreIncompleteError)) throw error;
        return incompleteStoreResponse(error, batch, deps.logger, project.id);
      }
      const summary = { accepted: stored.accepted, duplicates: stored.duplicates, rejected: batch.rejected };
      deps.logger.info("ingest batch stored", { project: project.id, format, ...summary, rejected: batch.rejected.length });
      if (format === "sentry-envelope" || format === "sentry-store") {
        // Sentry SDKs only look at the status; the id echoes the envelope's first event.
        return jsonResponse(200, { id: batch.events[0]?.eventId ?? null, ...summary }, CORS_HEADERS);
      }
      return jsonResponse(202, summary);
    } catch (error) {
      return errorResponse(error, deps.logger);
    }
  };
}

function parseBody(format: Format, text: string, receivedAt: Date): ParsedBatch {
  if (format === "sentry-store") return parseSentryStoreBody(text, receivedAt);
  if (format === "vercel") return parseVercelDrain(text, receivedAt);
  return parseGenericBatch(text, receivedAt);
}

async function authenticate(sql: Sql, key: string | null, sentryProjectId: string | null): Promise<ProjectWithConfig> {
  if (!key) {
    throw new HttpError(401, "missing ingest key: send `Authorization: Bearer <key>` (or a Sentry DSN with the key)", {
      "www-authenticate": "Bearer",
    });
  }
  const project = await findProjectByKey(sql, key);
  // The same answer for an unknown key and for a key of another project: nothing to probe.
  if (!project || (sentryProjectId !== null && String(project.public_id) !== sentryProjectId)) {
    throw new HttpError(401, "invalid ingest key for this project", { "www-authenticate": "Bearer" });
  }
  return project;
}

function readBearerKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S{1,200})$/i);
  if (match) return match[1]!;
  return request.headers.get("x-suture-key");
}

async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const encoding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  let stream: ReadableStream<Uint8Array> | null = request.body;
  let cap = limit;
  if (encoding === "gzip" || encoding === "deflate") {
    stream = stream?.pipeThrough(new DecompressionStream(encoding) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) ?? null;
    cap = limit * DECOMPRESSION_FACTOR;
  } else if (encoding !== "" && encoding !== "identity") {
    throw new HttpError(415, `content-encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported; use gzip, deflate or none`);
  }
  try {
    refuseDeclaredLength(request, limit);
    return await readCappedStream(stream, cap);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpError(413, error.message);
    throw new HttpError(400, `body could not be read: ${coerceError(error).message.slice(0, 200)}`);
  }
}

function decodeText(body: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new HttpError(400, "body is not valid UTF-8");
  }
}

// The truth about a batch the database failed partway: what was stored, what was refused as bad
// input, how many events were lost to the failure. 500: the fault is ours, not the sender's.
function incompleteStoreResponse(error: StoreIncompleteError, batch: ParsedBatch, logger: Logger, projectId: string): Response {
  const cause = coerceError(error.cause);
  logger.error("ingest batch partly stored", { project: projectId, unstored: error.unstored, error: cause.message, code: errorCode(cause) });
  const written = error.stored.accepted + error.stored.duplicates;
  const message =
    written > 0
      ? `${error.unstored} events of the batch were not stored (the database failed); send the batch again: events already stored are recognised by their ids and counted once`
      : "ingest failed on the server; the batch was not stored, retry later";
  return jsonResponse(500, { error: message, accepted: error.stored.accepted, duplicates: error.stored.duplicates, unstored: error.unstored, rejected: batch.rejected });
}

function errorResponse(error: unknown, logger: Logger): Response {
  if (error instanceof HttpError) return httpErrorResponse(error);
  if (error instanceof BodyParseError) return jsonResponse(400, { error: error.message });
  const failure = coerceError(error);
  logger.error("ingest failed", { error: failure.message, code: (failure as { code?: string }).code ?? null });
  return jsonResponse(500, { error: "ingest failed on the server; the batch was not stored, retry later" });
}
