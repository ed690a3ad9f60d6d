import { readFile } from "node:fs/promises";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { storeEvents } from "../../src/ingest/store-events.ts";
import { listDetectedErrors } from "../../src/store/errors/list-detected-errors.ts";
import { ensureProject } from "../../src/store/projects/ensure-project.ts";
import { formatTable, truncate } from "./format-table.ts";
import { openCliDatabase } from "./open-cli-database.ts";
import { UsageError } from "./usage-error.ts";

export interface IngestCommandOptions {
  file: string;
  project: string;
  dataDir: string | null;
  json: boolean;
}

/** `suture ingest <file.jsonl>`: load generic events and print the groups they form. */
export async function runIngestCommand(options: IngestCommandOptions): Promise<void> {
  const text = await readFile(options.file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${options.file}: ${error.code ?? error.message}`);
  });
  const { sql } = await openCliDatabase({ dataDir: options.dataDir });
  try {
    const { project } = await ensureProject(sql, { name: options.project });
    const batch = parseGenericBatch(text, null);
    const stored = await storeEvents(sql, project.id, batch.events);
    const groups = await listDetectedErrors(sql, project.id);
    if (options.json) {
      console.log(JSON.stringify({ ...stored, rejected: batch.rejected, groups }));
      return;
    }
    for (const rejection of batch.rejected) console.error(`skipped item ${rejection.index}: ${rejection.error}`);
    console.log(`${stored.accepted} events stored, ${stored.duplicates} duplicates, ${batch.rejected.length} rejected\n`);
    console.log(
      formatTable(
        ["events", "users", "error", "culprit", "last seen"],
        groups.map((group) => [
          group.event_count,
          group.user_count,
          truncate(group.title, 70),
          group.culprit_file ? `${group.culprit_file}:${group.culprit_line ?? "?"}` : null,
          new Date(group.last_seen).toISOString().slice(0, 19).replace("T", " "),
        ]),
      ),
    );
  } finally {
    await sql.close();
  }
}
