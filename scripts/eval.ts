// `npm run eval [-- --set apps|holdout] [--app NAME ...] [--json]`: heals each evaluation app
// from its recorded production events and scores what Suture delivered with the app's held-back
// tests. Each app gets a fresh embedded database (PGlite), as a new user's would.
import { parseArgs } from "node:util";
import type { AppScore } from "./eval/evaluate-app.ts";
import { evalRoot } from "./eval/evaluate-app.ts";
import { evaluateSet } from "./eval/evaluate-set.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "apps" },
    app: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});

const { figures, apps } = await evaluateSet(evalRoot(), values.set, {
  only: values.app,
  onApp: (score) => {
    if (!values.json) printApp(score, values.verbose);
  },
});
if (values.json) console.log(JSON.stringify({ figures, apps }));
else console.log(`\n${JSON.stringify(figures, null, 2)}`);

function printApp(score: AppScore, verbose: boolean): void {
  const bugs = score.bugs.map((bug) => `${bug.id}:${bug.fixed ? "fixed" : "open"}${bug.reproduced ? "+repro" : ""}`).join(" ");
  const decoys = score.decoys.map((decoy) => `${decoy.id}:${decoy.untouched ? "untouched" : "TOUCHED"}`).join(" ");
  console.log(`${score.app} (${score.style}, ${(score.elapsedMs / 1000).toFixed(1)} s) broken=${score.brokenProposals} ${bugs} ${decoys}${score.error ? ` ERROR ${score.error}` : ""}`);
  if (!verbose) return;
  for (const mission of score.missions) {
    const target = mission.target ? `${mission.target.kind}:${mission.target.id}` : "unmatched";
    console.log(`  - ${target} ${mission.state}/${mission.decision ?? "-"} hidden=${mission.hiddenPassed} visible=${mission.visiblePassed} ${mission.errorType}: ${mission.message}`);
    console.log(`      ${mission.reason ?? ""}`);
  }
}
