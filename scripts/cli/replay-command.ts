import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import type { HealingSettings } from "../../src/config/healing-config.ts";
import { parseRuntimeEnv } from "../../src/config/runtime-env.ts";
import { ingestReplayEvents, replayMissions, runReplayCycles, type ReplayMission } from "../../src/cycles/replay.ts";
import { isGitRepository } from "../../src/deliver/local-git/git-command.ts";
import { createProjectForges } from "../../src/deliver/project-forges.ts";
import { openModelFixer } from "../../src/fix/model/open-model-fixer.ts";
import { ensureProject } from "../../src/store/projects/ensure-project.ts";
import { formatTable, truncate } from "./format-table.ts";
import { openCliDatabase } from "./open-cli-database.ts";
import { createProgressLogger } from "./progress-logger.ts";
import { UsageError } from "./usage-error.ts";

export interface ReplayCommandOptions {
  repo: string;
  events: string;
  test: string | null;
  merge: boolean;
  json: boolean;
  autonomy: 0 | 1 | 2 | 3 | null;
  project: string | null;
  dataDir: string | null;
  /** Settings layered on top for this run (demo config). */
  settings?: (settings: HealingSettings) => HealingSettings;
  /** Reuse an open database and project (the demo replays twice into one). */
  quiet?: boolean;
}

export interface ReplayCommandResult {
  missions: ReplayMission[];
}

/** `suture replay`: the whole loop once over an events file, against a local git repository. */
export async function runReplayCommand(options: ReplayCommandOptions): Promise<ReplayCommandResult> {
  const repoDir = resolve(options.repo);
  const runner = createNodeCommandRunner();
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory() || !(await isGitRepository(repoDir, runner))) {
    throw new UsageError(`not a git repository: ${options.repo}`);
  }
  if (!existsSync(options.events) || !statSync(options.events).isFile()) {
    throw new UsageError(`events file not found: ${options.events}`);
  }
  const text = await readFile(options.events, "utf8");
  const { sql, embedded } = await openCliDatabase({ dataDir: options.dataDir });
  // Where `suture approve|reject` finds these missions again; null when they lived in memory only.
  const dataDir = options.dataDir ?? parseRuntimeEnv(process.env).dataDir;
  const decideFlags = embedded ? (dataDir ? ` --data-dir ${dataDir}` : null) : "";
  const started = performance.now();
  const progress = createProgressLogger({ enabled: !options.json && !options.quiet, started });
  // Without --merge only a person's approval (`suture approve`) merges a fix.
  const forges = createProjectForges({ sql, runner, allowMerge: options.merge });
  try {
    const { project } = await ensureProject(sql, { name: options.project ?? `local:${basename(repoDir)}`, repo: repoDir });
    const stored = await ingestReplayEvents(sql, project.id, text);
    for (const rejection of stored.rejected) console.error(`${options.events}:${rejection.line}: skipped: ${rejection.error}`);
    progress.note(`${stored.accepted} events stored, ${stored.duplicates} duplicates, ${stored.rejected.length} lines skipped`);
    if (stored.clock) {
      await runReplayCycles(
        {
          sql,
          projectId: project.id,
          forge: await forges.forgeFor({ id: project.id, repo: repoDir, default_branch: project.default_branch }),
          logger: progress.logger,
          // With ANTHROPIC_API_KEY set, Claude tries what no pattern fixes (same guard, same tests).
          modelFixer: openModelFixer(parseRuntimeEnv(process.env).anthropic, sql),
          settingsOverride: (settings) => {
            const withFlags: HealingSettings = {
              ...settings,
              autonomyLevel: options.autonomy ?? settings.autonomyLevel,
              testCommand: options.test ?? settings.testCommand,
            };
            return options.settings ? options.settings(withFlags) : withFlags;
          },
        },
        stored.clock,
      );
    }
    const missions = await replayMissions(sql, project.id);
    if (options.json) {
      console.log(JSON.stringify({ missions: missions.map(contractFields) }));
    } else if (!options.quiet) {
      printSummary(missions, performance.now() - started, decideFlags);
    }
    return { missions };
  } finally {
    await forges.close();
    await sql.close();
  }
}

/** The exact JSON contract of `replay --json`. */
function contractFields(mission: ReplayMission) {
  const { fingerprint, error_type, message, events, severity, diagnosis, fix, validation, decision, reason } = mission;
  return { fingerprint, error_type, message, events, severity, diagnosis, fix, validation, decision, reason };
}

function printSummary(missions: ReplayMission[], elapsedMs: number, decideFlags: string | null): void {
  console.log("");
  console.log(
    formatTable(
      ["sev", "events", "error", "culprit", "decision", "state", "branch"],
      missions.map((mission) => [
        mission.severity,
        mission.events,
        truncate(`${mission.error_type}: ${mission.message}`, 60),
        mission.diagnosis ? `${mission.diagnosis.file}:${mission.diagnosis.line}` : "-",
        mission.decision,
        mission.state,
        mission.fix?.branch ?? "-",
      ]),
    ),
  );
  console.log("");
  for (const mission of missions) console.log(`- ${truncate(mission.error_type + ": " + mission.message, 50)}: ${mission.reason}`);
  const proposed = missions.filter((mission) => mission.state === "proposed");
  if (proposed.length > 0 && decideFlags === null) {
    console.log(`\n${proposed.length} proposed fixes wait for a person; the database was in memory, so replay with --data-dir DIR to approve or reject them.`);
  } else if (proposed.length > 0) {
    // A proposal waits for a person; these are the commands that decide it (same database).
    console.log(`\n${proposed.length} proposed fixes wait for a person:`);
    for (const mission of proposed) console.log(`  suture approve ${mission.mission_id}${decideFlags}    (or: suture reject ${mission.mission_id} --reason "…"${decideFlags})`);
  }
  console.log(`\n${missions.length} missions in ${(elapsedMs / 1000).toFixed(1)} s`);
}
