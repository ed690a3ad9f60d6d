// github-webhook — GitHub's events about Suture's pull requests, checks and deployments.
// Trigger: HTTP POST from a repository or GitHub App webhook (content type application/json) at
//   …/functions/v1/github-webhook, events: pull_request, pull_request_review, check_run,
//   check_suite, status, deployment_status, push.
// Auth: X-Hub-Signature-256 with GITHUB_WEBHOOK_SECRET, checked in constant time; the platform's
//   JWT check is off (config.toml) because GitHub is not a Supabase user.
// Running twice is safe: each X-GitHub-Delivery id is recorded with what it changed, in one
//   transaction, so a redelivery is answered as a duplicate. It records; the heal cycle acts.
import { parseRuntimeEnv } from "../../../src/config/runtime-env.ts";
import { createJsonLogger } from "../../../src/core/logger.ts";
import { createPostgresSql } from "../../../src/store/postgres/postgres-driver.ts";
import { createGithubWebhookHandler } from "../../../src/webhooks/github-webhook-handler.ts";

const env = parseRuntimeEnv(Deno.env.toObject());
if (!env.databaseUrl) throw new Error("SUPABASE_DB_URL (or DATABASE_URL) must be set for the github-webhook function");
const secret = Deno.env.get("GITHUB_WEBHOOK_SECRET") ?? "";
if (secret.length < 16) throw new Error("GITHUB_WEBHOOK_SECRET must be set (16+ characters) to the webhook's secret on GitHub");

const handler = createGithubWebhookHandler({
  sql: createPostgresSql({ url: env.databaseUrl, max: 4, applicationName: "suture-github-webhook" }),
  secret,
  logger: createJsonLogger(),
});

// PORT only matters when served locally (tests); the hosted runtime assigns its own.
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, handler);
