import { coerceError, errorCode } from "../core/errors.ts";
import { constantTimeEqual, randomKey } from "../core/hash.ts";
import { HttpError, httpErrorResponse, jsonResponse } from "../core/http-response.ts";
import type { Logger } from "../core/logger.ts";
import type { ModelFixer } from "../fix/model/model-fixer.ts";
import type { Sql } from "../store/sql.ts";
import type { HealContext } from "../cycles/heal-context.ts";
import type { ForgeSession } from "../deliver/project-forges.ts";
import { CycleRunError, runRecordedCycle } from "../cycles/run-cycle.ts";
import { healRequestSchema } from "./schema.ts";

// The heal endpoint: one (Request) => Response for Node and Deno. POST {"cycle": "<name>"} with
// the cron secret runs that cycle once, within a time budget, and answers with its report.
// Answers: 200 report · 400 bad body · 401 bad or missing secret · 405 not POST · 500 the cycle
// threw (recorded in healing.cycle_runs) · 503 no secret configured. Never a stack trace.
//
// The budget. Hosted Edge Functions allow 2 s of CPU per request, 150 s of wall clock per worker
// (free plan; 400 s paid) and 150 s before an idle request gets a 504. A cycle spends nearly all
// its time waiting on PostgreSQL (and on git and tests when run locally), so CPU is the limit
// that binds, and it cannot be measured from inside the isolate. So a run takes at most 25 s of
// wall time: far from the 150 s limits even when a worker serves a few requests, shorter than
// the one-minute schedule so runs rarely overlap (overlap is safe anyway: leases), and short
// enough that the CPU spent in it stays small. If the platform still kills a run, every step it
// finished is committed, its leases expire, and the next tick resumes.

export const DEFAULT_BUDGET_MS = 25_000;
/** A cron secret is a short string; anything longer is not one and is not compared. */
const MAX_SECRET_LENGTH = 1024;
/** `{"cycle": "..."}` is tiny; a big body is a mistake or an attack. */
const MAX_BODY_BYTES = 16 * 1024;

export interface HealHandlerDeps {
  sql: Sql;
  logger: Logger;
  /** SUTURE_CRON_SECRET; null refuses every call (503) until it is configured. */
  cronSecret: string | null;
  /** The forges for one run; closed when the run ends. */
  openForges: () => ForgeSession;
  /** The most wall time one run may take, ms. Default DEFAULT_BUDGET_MS. */
  maxBudgetMs?: number;
  /** The run's clock; wall time by default. */
  now?: () => Date;
  /** Claude for errors no pattern fixes; null without ANTHROPIC_API_KEY. */
  modelFixer?: ModelFixer | null;
}

export function createHealHandler(deps: HealHandlerDeps): (request: Request) => Promise<Response> {
  const maxBudgetMs = deps.maxBudgetMs ?? DEFAULT_BUDGET_MS;
  const now = deps.now ?? (() => new Date());

  return async function handleHeal(request: Request): Promise<Response> {
    try {
      if (request.method !== "POST") throw new HttpError(405, "use POST with a body like {\"cycle\": \"detect-and-fix\"}", { allow: "POST" });
      authenticate(request, deps.cronSecret);
      const body = parseBody(await readText(request));
      const budgetMs = Math.min(body.budget_ms ?? maxBudgetMs, maxBudgetMs);
      const forges = deps.openForges();
      const ctx: HealContext = {
        sql: deps.sql,
        logger: deps.logger,
        now,
        runnerId: `heal-${randomKey().slice(0, 12)}`,
        forgeFor: forges.forgeFor,
        modelFixer: deps.modelFixer ?? null,
      };
      try {
        const run = await runRecordedCycle(body.cycle, ctx, { deadline: Date.now() + budgetMs });
        return jsonResponse(200, {
          cycle: run.cycle,
          runId: run.runId,
          outcome: run.outcome,
          durationMs: Math.round(run.durationMs),
          ...run.report,
        });
      } finally {
        await forges.close();
      }
    } catch (error) {
      return errorResponse(error, deps.logger);
    }
  };
}

function authenticate(request: Request, secret: string | null): void {
  if (!secret) {
    throw new HttpError(
      503,
      "the heal function has no SUTURE_CRON_SECRET: set it (supabase secrets set SUTURE_CRON_SECRET=...) and store the same value in Vault as suture_cron_secret",
    );
  }
  const header = request.headers.get("x-suture-cron-secret");
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
  // The dedicated header wins: supabase-js always sends its own Authorization (the anon key).
  const given = header ?? bearer;
  if (!given) {
    throw new HttpError(401, "missing cron secret: send it in the x-suture-cron-secret header", { "www-authenticate": "Bearer" });
  }
  if (given.length > MAX_SECRET_LENGTH || !constantTimeEqual(given, secret)) {
    throw new HttpError(401, "invalid cron secret: check that SUTURE_CRON_SECRET matches the Vault secret suture_cron_secret", {
      "www-authenticate": "Bearer",
    });
  }
}

async function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new HttpError(413, `body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}`);
  let text: string;
  try {
    text = await request.text();
  } catch (error) {
    throw new HttpError(400, `body could not be read: ${coerceError(error).message.slice(0, 200)}`);
  }
  if (text.length > MAX_BODY_BYTES) throw new HttpError(413, `body exceeds the limit of ${MAX_BODY_BYTES} bytes`);
  return text;
}

function parseBody(text: string) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "body must be JSON like {\"cycle\": \"detect-and-fix\"}");
  }
  const parsed = healRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new HttpError(400, `invalid heal request: ${where}${issue.message}`);
  }
  return parsed.data;
}

function errorResponse(error: unknown, logger: Logger): Response {
  if (error instanceof HttpError) return httpErrorResponse(error);
  if (error instanceof CycleRunError) {
    // Already logged and recorded by runRecordedCycle; the caller gets the reason, not the stack.
    return jsonResponse(500, { error: `${error.message.slice(0, 1000)}; see healing.cycle_runs`, cycle: error.cycle, runId: error.runId });
  }
  const failure = coerceError(error);
  logger.error("heal failed", { error: failure.message, code: errorCode(failure) });
  return jsonResponse(500, { error: `the heal function failed before the cycle ran: ${failure.message.slice(0, 500)}` });
}
