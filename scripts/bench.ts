// `npm run bench [-- --json]`: Suture's performance figures. The ingest figures need a real
// PostgreSQL (DATABASE_URL); without it they run on embedded PGlite and say so.
import { parseArgs } from "node:util";
import { parseRuntimeEnv } from "../src/config/runtime-env.ts";
import { migrate } from "../src/store/migrate.ts";
import { openDatabase } from "../src/store/open-database.ts";
import { benchFixParse } from "./bench/fix-parse-bench.ts";
import { benchIngest } from "./bench/ingest-bench.ts";
import { benchTimeToBranch } from "./bench/time-to-branch-bench.ts";

const { values } = parseArgs({
  options: { json: { type: "boolean", default: false }, events: { type: "string", default: "20000" } },
});

const env = parseRuntimeEnv(process.env);
const sql = await openDatabase({ databaseUrl: env.databaseUrl, max: 4 });
const figures: Record<string, unknown> = { database: env.databaseUrl ? "postgres" : "pglite" };
try {
  if (env.databaseUrl) await migrate(sql);
  const ingest = await benchIngest(sql, { events: Number(values.events), batchSize: 1000 });
  Object.assign(figures, ingest);
  console.log(`ingest (${figures.database}, ${ingest.events} events in batches of ${ingest.batch_size})`);
  console.log(`  full path        ${ingest.ingest_events_per_s.toLocaleString("en")} events/s`);
  console.log(`  raw INSERT       ${ingest.raw_insert_rows_per_s.toLocaleString("en")} rows/s`);
  console.log(`  ingest / raw     ${ingest.ingest_vs_raw}  (goal ≥ 0.5)`);

  const branch = await benchTimeToBranch(sql);
  Object.assign(figures, branch);
  console.log(`\ntime to branch (example incident, ${branch.missions_with_branch} fix branches, tests excluded)`);
  console.log(`  median           ${branch.time_to_branch_ms_median} ms  (goal ≤ 1,000 ms)`);
  console.log(`  max              ${branch.time_to_branch_ms_max} ms`);

  const parse = await benchFixParse();
  figures.fix_parse_patch_1000_lines_ms_median = parse.parse_and_patch_median_ms;
  figures.fix_parse_1000_lines_ms_median = parse.parse_median_ms;
  console.log(`\nfix stage on a ${parse.lines}-line file (${parse.runs} runs; edge budget 2,000 ms CPU)`);
  console.log(`  parse            ${parse.parse_median_ms} ms median`);
  console.log(`  parse + patch    ${parse.parse_and_patch_median_ms} ms median, ${parse.parse_and_patch_max_ms} ms max`);
} finally {
  await sql.close();
}
if (values.json) console.log(JSON.stringify(figures));
