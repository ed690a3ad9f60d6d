import { parseArgs } from "node:util";
import { runDecideCommand } from "./decide-command.ts";
import { runDevCommand } from "./dev-command.ts";
import { runIngestCommand } from "./ingest-command.ts";
import { runReplayCommand } from "./replay-command.ts";
import { openCliDatabase } from "./open-cli-database.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `usage: suture <command> [options]

commands:
  migrate                     apply the migrations to DATABASE_URL (embedded PGlite migrates itself)
  ingest <file.jsonl>         load generic events and print the error groups
         [--project NAME] [--data-dir DIR] [--json]
  replay --repo DIR --events FILE [--test "CMD"] [--merge] [--json]
         [--autonomy 0-3] [--project NAME] [--data-dir DIR]
                              run the whole healing loop once over recorded events
  approve <mission> [--reason TEXT] [--data-dir DIR]
                              approve a fix proposed on a local git repository; the next
                              detect-and-fix tick merges it
  reject <mission> --reason TEXT [--data-dir DIR]
                              reject it; the next tick ends the mission as rejected
  dev [--port 54321] [--merge]
                              serve supabase/functions under Deno at /functions/v1/<name>
                              and run a cycle for each NOTIFY suture_cycles (pg_cron)

environment:
  DATABASE_URL                PostgreSQL to use; embedded PGlite when unset
  SUTURE_DATA_DIR             persist embedded PGlite here (in memory when unset)
  SUTURE_CRON_SECRET          the heal function's secret (dev: random per session when unset)`;

const DECIDE_USAGE = {
  approve: `usage: suture approve <mission> [--reason TEXT] [--data-dir DIR]

Approves a fix Suture proposed on a local git repository (a mission in state proposed). The next
detect-and-fix tick (suture dev, or the next suture replay into the same database) merges it into
the base branch and watches it, unless healing is paused for the project.

  <mission>          the mission's id (healing.auto_fixes.id; suture replay prints it)
  --reason TEXT      why, kept in the audit trail
  --data-dir DIR     the embedded database to use (as given to suture replay); DATABASE_URL wins`,
  reject: `usage: suture reject <mission> --reason TEXT [--data-dir DIR]

Rejects a fix Suture proposed on a local git repository. The next detect-and-fix tick ends the
mission as rejected with the reason, and the pattern that wrote the fix learns from it.

  <mission>          the mission's id (healing.auto_fixes.id; suture replay prints it)
  --reason TEXT      why the fix is wrong (required)
  --data-dir DIR     the embedded database to use (as given to suture replay); DATABASE_URL wins`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A reason is a sentence or a paragraph, not a document. */
const MAX_REASON_CHARS = 2_000;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return;
  }
  if (command === "migrate") {
    const { sql, embedded } = await openCliDatabase({ migrate: false });
    try {
      const { migrate } = await import("../../src/store/migrate.ts");
      const report = await migrate(sql);
      console.log(
        embedded
          ? "DATABASE_URL is not set: the embedded database migrates itself on open."
          : `applied ${report.applied.length} migration(s), ${report.skipped.length} already applied`,
      );
    } finally {
      await sql.close();
    }
    return;
  }
  if (command === "ingest") {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { project: { type: "string", default: "local" }, "data-dir": { type: "string" }, json: { type: "boolean", default: false } },
    });
    if (positionals.length !== 1) throw new UsageError("ingest takes one events file (JSON lines)");
    await runIngestCommand({ file: positionals[0]!, project: values.project!, dataDir: values["data-dir"] ?? null, json: values.json! });
    return;
  }
  if (command === "replay") {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        repo: { type: "string" },
        events: { type: "string" },
        test: { type: "string" },
        merge: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        autonomy: { type: "string" },
        project: { type: "string" },
        "data-dir": { type: "string" },
      },
    });
    if (positionals.length > 0) throw new UsageError(`replay takes no positional arguments (got ${JSON.stringify(positionals[0])})`);
    if (!values.repo) throw new UsageError("replay needs --repo <dir>");
    if (!values.events) throw new UsageError("replay needs --events <file.jsonl>");
    const autonomy = values.autonomy === undefined ? null : Number(values.autonomy);
    if (autonomy !== null && ![0, 1, 2, 3].includes(autonomy)) throw new UsageError("--autonomy takes 0, 1, 2 or 3");
    await runReplayCommand({
      repo: values.repo,
      events: values.events,
      test: values.test ?? null,
      merge: values.merge!,
      json: values.json!,
      autonomy: autonomy as 0 | 1 | 2 | 3 | null,
      project: values.project ?? null,
      dataDir: values["data-dir"] ?? null,
    });
    return;
  }
  if (command === "approve" || command === "reject") {
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(DECIDE_USAGE[command]);
      return;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { reason: { type: "string" }, "data-dir": { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError(`${command} takes one mission id (got ${positionals.length}); run \`suture ${command} --help\``);
    const missionId = positionals[0]!;
    if (!UUID.test(missionId)) throw new UsageError(`${command} takes a mission id (a uuid), not ${JSON.stringify(missionId.slice(0, 80))}`);
    const reason = values.reason?.trim() || null;
    if (command === "reject" && !reason) throw new UsageError('reject needs --reason "why the fix is wrong"');
    if (reason && reason.length > MAX_REASON_CHARS) throw new UsageError(`--reason is longer than ${MAX_REASON_CHARS} characters`);
    await runDecideCommand({ decision: command === "approve" ? "approved" : "rejected", missionId: missionId.toLowerCase(), reason, dataDir: values["data-dir"] ?? null });
    return;
  }
  if (command === "dev") {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { port: { type: "string", default: "54321" }, merge: { type: "boolean", default: false } },
    });
    if (positionals.length > 0) throw new UsageError(`dev takes no positional arguments (got ${JSON.stringify(positionals[0])})`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port takes a port number (0 picks a free one)");
    await runDevCommand({ port, merge: values.merge! });
    return;
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)}; run \`suture help\``);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const code = (error as { code?: string }).code ?? "";
  if (error instanceof UsageError || code.startsWith("ERR_PARSE_ARGS")) {
    console.error(`suture: ${(error as Error).message}`);
    process.exitCode = 2;
  } else {
    console.error(`suture: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
