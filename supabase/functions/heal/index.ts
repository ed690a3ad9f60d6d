// heal — runs one healing cycle for a bounded time and answers with what it did.
// Trigger: pg_cron → healing.invoke_cycle(name) → pg_net POST {"cycle": "<name>"} (Supabase);
//   locally pg_cron → NOTIFY suture_cycles → `suture dev` → supabase-js functions.invoke("heal").
// Auth: the cron secret (SUTURE_CRON_SECRET; Vault's suture_cron_secret on the database side) in
//   x-suture-cron-secret or Authorization: Bearer, compared in constant time. The platform's JWT
//   check is off (config.toml): the caller is the database, which holds no user JWT, and the
//   service-role key should not sit in queued requests.
// Running twice is safe: missions are claimed with row leases (for update skip locked), each
//   step commits with its audit event, a run stops at its deadline, and the next tick resumes.
import { parseRuntimeEnv } from "../../../src/config/runtime-env.ts";
import { createNodeCommandRunner } from "../../../src/adapters/node-command.ts";
import { createJsonLogger } from "../../../src/core/logger.ts";
import { createHealHandler } from "../../../src/heal/heal-handler.ts";
import { githubForgeResolver } from "../../../src/deliver/github-projects.ts";
import { createProjectForges } from "../../../src/deliver/project-forges.ts";
import { openModelFixer } from "../../../src/fix/model/open-model-fixer.ts";
import { createPostgresSql } from "../../../src/store/postgres/postgres-driver.ts";

const env = parseRuntimeEnv(Deno.env.toObject());
if (!env.databaseUrl) throw new Error("SUPABASE_DB_URL (or DATABASE_URL) must be set for the heal function");

// Only `suture dev` sets SUTURE_LOCAL_FORGE: the hosted runtime cannot start git.
const runner = env.localForge ? createNodeCommandRunner() : null;

const sql = createPostgresSql({ url: env.databaseUrl, max: 4, applicationName: "suture-heal" });
// GITHUB_TOKEN heals GitHub projects through pull requests; ANTHROPIC_API_KEY lets Claude try
// what no pattern fixes. Without either, those missions go to a person with the reason.
const resolve = env.github ? githubForgeResolver({ sql, ...env.github }) : undefined;

const handler = createHealHandler({
  sql,
  logger: createJsonLogger(),
  cronSecret: env.cronSecret,
  openForges: () => createProjectForges({ sql, runner, resolve, allowMerge: env.allowMerge }),
  modelFixer: openModelFixer(env.anthropic, sql),
});

// PORT only matters when served locally (tests, `suture dev`); the hosted runtime assigns its own.
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, handler);
