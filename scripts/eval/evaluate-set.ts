import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { median } from "../../src/detect/incident.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createPgliteSql } from "../../src/store/pglite/pglite-driver.ts";
import { type AppScore, evaluateApp, loadAppCopyTools } from "./evaluate-app.ts";

// The figures issue-level goals are stated in, over one set of evaluation apps.

export interface SetFigures {
  set: string;
  apps: number;
  real_bugs: number;
  reproduced: number;
  fixed: number;
  repro_rate: number;
  fix_rate: number;
  broken_proposals: number;
  decoys: number;
  decoys_untouched: number;
  time_to_validated_fix_ms_median: number | null;
  failed_apps: string[];
}

export function listApps(setDir: string): string[] {
  return readdirSync(setDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(setDir, entry.name, ".eval", "manifest.json")))
    .map((entry) => join(setDir, entry.name))
    .sort();
}

/**
 * Each app is healed on a database of its own, as a new user's would be: what Suture learned on
 * one app (pattern records) must not carry into the next one's score.
 */
export async function evaluateSet(
  evalDir: string,
  set: string,
  options: { only?: string[]; onApp?: (score: AppScore) => void } = {},
): Promise<{ figures: SetFigures; apps: AppScore[] }> {
  const tools = await loadAppCopyTools(evalDir);
  const apps: AppScore[] = [];
  for (const appDir of listApps(join(evalDir, set))) {
    if (options.only && !options.only.some((name) => appDir.endsWith(`/${name}`))) continue;
    const sql = await createPgliteSql();
    let score: AppScore;
    try {
      await migrate(sql);
      score = await evaluateApp(sql, appDir, tools);
    } finally {
      await sql.close();
    }
    options.onApp?.(score);
    apps.push(score);
  }
  return { figures: figuresOf(set, apps), apps };
}

export function figuresOf(set: string, apps: AppScore[]): SetFigures {
  const bugs = apps.flatMap((app) => app.bugs);
  const decoys = apps.flatMap((app) => app.decoys);
  const times = apps.flatMap((app) =>
    app.missions.filter((mission) => mission.timeToValidatedFixMs !== null && mission.target?.kind === "bug").map((mission) => mission.timeToValidatedFixMs!),
  );
  const ratio = (count: number) => (bugs.length === 0 ? 0 : Number((count / bugs.length).toFixed(3)));
  const reproduced = bugs.filter((bug) => bug.reproduced).length;
  const fixed = bugs.filter((bug) => bug.fixed).length;
  return {
    set,
    apps: apps.length,
    real_bugs: bugs.length,
    reproduced,
    fixed,
    repro_rate: ratio(reproduced),
    fix_rate: ratio(fixed),
    broken_proposals: apps.reduce((sum, app) => sum + app.brokenProposals, 0),
    decoys: decoys.length,
    decoys_untouched: decoys.filter((decoy) => decoy.untouched).length,
    time_to_validated_fix_ms_median: times.length > 0 ? Math.round(median(times)) : null,
    failed_apps: apps.filter((app) => app.error !== null).map((app) => `${app.app}: ${app.error}`),
  };
}
