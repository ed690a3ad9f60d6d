import { parseArgs } from "node:util";
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
  dev [--port 54321] [--merge]
                              serve supabase/functions under Deno at /functions/v1/<name>
                              and run a cycle for each NOTIFY suture_cycles (pg_cron)

environment:
  DATABASE_URL                PostgreSQL to use; embedded PGlite when unset
  SUTURE_DATA_DIR             persist embedded PGlite here (in memory when unset)
  SUTURE_CRON_SECRET          the heal function's secret (dev: random per session when unset)`;

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
