// `npm run bench [-- --json] [--no-eval]`: Suture's performance figures, and how well it heals
// the evaluation apps (eval/: the development set and the held-out set, scored by held-back
// tests). The ingest figures need a real PostgreSQL (DATABASE_URL); without it they run on
// embedded PGlite and say so.
import { parseArgs } from "node:util";
import { parseRuntimeEnv } from "../src/config/runtime-env.ts";
import { migrate } from "../src/store/migrate.ts";
import { openDatabase } from "../src/store/open-database.ts";
import { benchFixParse } from "./bench/fix-parse-bench.ts";
import { benchIngest } from "./bench/ingest-bench.ts";
import { benchTimeToBranch } from "./bench/time-to-branch-bench.ts";
import { evalRoot } from "./eval/evaluate-app.ts";
import { evaluateSet, type SetFigures } from "./eval/evaluate-set.ts";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    events: { type: "string", default: "20000" },
    // The evaluation sets take minutes; `--no-eval` leaves them out.
    "no-eval": { type: "boolean", default: false },
  },
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

  if (!values["no-eval"]) {
    const root = evalRoot();
    for (const set of ["apps", "holdout"]) {
      const { figures: eval_ } = await evaluateSet(root, set);
      printEvalFigures(eval_);
      // The held-out set is the figure that counts: no fix logic was shaped on it.
      const prefix = set === "holdout" ? "" : "dev_";
      Object.assign(figures, {
        [`${prefix}repro_rate`]: eval_.repro_rate,
        [`${prefix}fix_rate`]: eval_.fix_rate,
        [`${prefix}broken_proposals`]: eval_.broken_proposals,
        [`${prefix}decoys_untouched`]: `${eval_.decoys_untouched}/${eval_.decoys}`,
        [`${prefix}time_to_validated_fix_ms_median`]: eval_.time_to_validated_fix_ms_median,
        [`${prefix}eval_apps`]: eval_.apps,
        [`${prefix}eval_real_bugs`]: eval_.real_bugs,
      });
    }
  }
} finally {
  await sql.close();
}

function printEvalFigures(set: SetFigures): void {
  const label = set.set === "holdout" ? "held-out evaluation apps (never used to shape the fix logic)" : "development evaluation apps";
  console.log(`\n${label}: ${set.apps} apps, ${set.real_bugs} real bugs, ${set.decoys} decoys`);
  console.log(`  reproduced       ${set.reproduced}/${set.real_bugs} = ${set.repro_rate}  (goal ≥ 0.9)`);
  console.log(`  fixed            ${set.fixed}/${set.real_bugs} = ${set.fix_rate}  (goal ≥ 0.9; held-back tests pass on the fix branch)`);
  console.log(`  broken proposals ${set.broken_proposals}  (goal 0: delivered fixes that fail the held-back tests)`);
  console.log(`  decoys untouched ${set.decoys_untouched}/${set.decoys}`);
  console.log(`  time to a validated fix  ${set.time_to_validated_fix_ms_median ?? "-"} ms median  (goal ≤ 5,000 ms)`);
  for (const failure of set.failed_apps) console.log(`  app failed: ${failure}`);
}
if (values.json) console.log(JSON.stringify(figures));
