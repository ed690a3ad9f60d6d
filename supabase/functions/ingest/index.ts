// ingest — receives production errors and request telemetry.
// Trigger: HTTP POST from an app's reporter (Suture's generic events), Sentry SDKs (a DSN pointing
//   here: …/functions/v1/ingest/api/<project>/envelope/) and Vercel log drains (…/ingest/vercel).
// Auth: the project's ingest key (Bearer header or the DSN's public key), compared by hash; the
//   platform's JWT check is off (config.toml) because senders are not Supabase users.
// Running twice is safe: event ids are unique per project, so a retried batch counts once.
import { parseRuntimeEnv } from "../../../src/config/runtime-env.ts";
import { createJsonLogger } from "../../../src/core/logger.ts";
import { createIngestHandler } from "../../../src/ingest/handler.ts";
import { createPostgresSql } from "../../../src/store/postgres/postgres-driver.ts";

const env = parseRuntimeEnv(Deno.env.toObject());
if (!env.databaseUrl) throw new Error("SUPABASE_DB_URL (or DATABASE_URL) must be set for the ingest function");

const handler = createIngestHandler({
  sql: createPostgresSql({ url: env.databaseUrl, max: 4, applicationName: "suture-ingest" }),
  logger: createJsonLogger(),
});

// PORT only matters when served locally (tests, `suture dev`); the hosted runtime assigns its own.
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, handler);
