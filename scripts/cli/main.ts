import { parseArgs } from "node:util";
import { runIngestCommand } from "./ingest-command.ts";
import { openCliDatabase } from "./open-cli-database.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `usage: suture <command> [options]

commands:
  migrate                     apply the migrations to DATABASE_URL (embedded PGlite migrates itself)
  ingest <file.jsonl>         load generic events and print the error groups
         [--project NAME] [--data-dir DIR] [--json]

environment:
  DATABASE_URL                PostgreSQL to use; embedded PGlite when unset
  SUTURE_DATA_DIR             persist embedded PGlite here (in memory when unset)`;

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
  throw new UsageError(`unknown command ${JSON.stringify(command)}; run \`suture help\``);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`suture: ${(error as Error).message}`);
    process.exitCode = 2;
  } else {
    console.error(`suture: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
