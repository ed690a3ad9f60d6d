import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import type { Logger } from "../../src/core/logger.ts";
import { ingestReplayEvents, runReplayCycles } from "../../src/cycles/replay.ts";
import { createProjectForges } from "../../src/deliver/project-forges.ts";
import { loadGroupEvidence } from "../../src/store/errors/load-group-evidence.ts";
import { listMissions } from "../../src/store/missions/list-missions.ts";
import type { MissionRow } from "../../src/store/missions/mission-row.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";
import { type AppManifest, type EventMatch, parseAppManifest } from "./manifest.ts";

// Heals one evaluation app the way a user would (its production events replayed against a fresh
// git copy that holds no `.eval/` folder), then scores every fix Suture delivered with the
// app's held-back tests, which Suture never saw.

/** Missions in these states delivered a fix: proposed for review or merged. */
const DELIVERED_STATES = new Set(["proposed", "applied", "watching", "healed", "not_healed", "regressed", "rolled_back"]);
const HIDDEN_TEST_TIMEOUT_MS = 120_000;

export interface MissionScore {
  missionId: string;
  state: string;
  decision: string | null;
  reason: string | null;
  errorType: string;
  message: string;
  /** The bug or decoy the mission's group belongs to, or null when none matches. */
  target: { kind: "bug" | "decoy"; id: string } | null;
  branch: string | null;
  delivered: boolean;
  reproduced: boolean | null;
  /** For a delivered fix of a bug: its hidden test and the app's own tests pass on the branch. */
  hiddenPassed: boolean | null;
  visiblePassed: boolean | null;
  /** Mission start → the decision after a passing validation, in ms of wall time. */
  timeToValidatedFixMs: number | null;
}

export interface AppScore {
  app: string;
  style: string;
  bugs: Array<{ id: string; fixed: boolean; reproduced: boolean; missions: number }>;
  decoys: Array<{ id: string; untouched: boolean }>;
  missions: MissionScore[];
  brokenProposals: number;
  elapsedMs: number;
  error: string | null;
}

interface AppCopyTools {
  copyApp(appDir: string, dest: string): Promise<{ dir: string; commit: string; tag: string }>;
  SHARED_NODE_MODULES: string;
}

export async function loadAppCopyTools(evalDir: string): Promise<AppCopyTools> {
  return (await import(pathToFileURL(join(evalDir, "tools", "app-copy.mjs")).href)) as AppCopyTools;
}

export async function evaluateApp(sql: Sql, appDir: string, tools: AppCopyTools): Promise<AppScore> {
  const started = performance.now();
  const manifest = parseAppManifest(JSON.parse(readFileSync(join(appDir, ".eval", "manifest.json"), "utf8")), appDir);
  const work = await mkdtemp(join(tmpdir(), `suture-eval-${manifest.name}-`));
  const runner = createNodeCommandRunner();
  // Merges as a team at autonomy 2 would let Suture merge: auto-apply fixes only.
  const forges = createProjectForges({ sql, runner, allowMerge: true });
  try {
    const copy = await tools.copyApp(appDir, join(work, "repo"));
    const { project } = await createProject(sql, { name: `eval-${manifest.name}-${Date.now()}`, repo: copy.dir });
    const timings = new Map<string, { start: number; validated: number | null }>();
    const logger: Logger = {
      info(message, meta) {
        if (message !== "mission transition" || typeof meta?.mission !== "string") return;
        const at = performance.now();
        const timing = timings.get(meta.mission) ?? { start: at, validated: null };
        if (meta.from === "validating" && timing.validated === null && meta.to !== "fixing") timing.validated = at;
        timings.set(meta.mission, timing);
      },
      warn() {},
      error() {},
    };
    const events = await ingestReplayEvents(sql, project.id, readFileSync(join(appDir, ".eval", "events.jsonl"), "utf8"));
    if (events.clock) {
      await runReplayCycles(
        {
          sql,
          projectId: project.id,
          forge: await forges.forgeFor({ id: project.id, repo: copy.dir, default_branch: project.default_branch }),
          logger,
          settingsOverride: (settings) => ({ ...settings, autonomyLevel: 2, testCommand: manifest.testCommand }),
        },
        events.clock,
      );
    }
    const missions: MissionScore[] = [];
    for (const mission of await listMissions(sql, project.id)) {
      missions.push(await scoreMission(sql, mission, manifest, copy.dir, appDir, work, timings.get(mission.id), tools));
    }
    return summarize(manifest, missions, performance.now() - started, null);
  } catch (error) {
    return summarize(manifest, [], performance.now() - started, error instanceof Error ? error.message : String(error));
  } finally {
    await forges.close().catch(() => {});
    await rm(work, { recursive: true, force: true });
  }
}

async function scoreMission(
  sql: Sql,
  mission: MissionRow,
  manifest: AppManifest,
  repoDir: string,
  appDir: string,
  work: string,
  timing: { start: number; validated: number | null } | undefined,
  tools: AppCopyTools,
): Promise<MissionScore> {
  const group = await loadGroupEvidence(sql, mission.detected_error_id, 5);
  const target = group ? matchTarget(manifest, group.samples) : null;
  const delivered = DELIVERED_STATES.has(mission.state) && mission.commit_sha !== null;
  const reproduction = (mission as unknown as { reproduction?: { reproduced?: boolean } | null }).reproduction;
  const score: MissionScore = {
    missionId: mission.id,
    state: mission.state,
    decision: mission.decision,
    reason: mission.decision_reason,
    errorType: group?.error_type ?? "",
    message: group?.normalized_message ?? "",
    target,
    branch: mission.branch,
    delivered,
    reproduced: reproduction ? reproduction.reproduced === true : null,
    hiddenPassed: null,
    visiblePassed: null,
    timeToValidatedFixMs: timing?.validated != null ? Math.round(timing.validated - timing.start) : null,
  };
  if (!delivered) return score;
  const checkout = join(work, `score-${mission.id}`);
  await git(repoDir, ["worktree", "add", "--quiet", "--detach", checkout, mission.commit_sha!]);
  try {
    await symlink(tools.SHARED_NODE_MODULES, join(checkout, "node_modules"), "dir");
    score.visiblePassed = await runShell(checkout, manifest.testCommand);
    const bug = target?.kind === "bug" ? manifest.bugs.find((candidate) => candidate.id === target.id) : undefined;
    if (bug) {
      for (const file of bug.hidden.files) {
        const to = join(checkout, file.to);
        await mkdir(dirname(to), { recursive: true });
        await cp(join(appDir, file.from), to);
      }
      score.hiddenPassed = await runShell(checkout, bug.hidden.command);
    }
  } finally {
    await git(repoDir, ["worktree", "remove", "--force", checkout]).catch(() => {});
  }
  return score;
}

/** The bug or decoy whose `match` fits most of the group's samples. */
export function matchTarget(
  manifest: AppManifest,
  samples: Array<{ error_type: string; message: string; frames: Array<{ file: string }> }>,
): MissionScore["target"] {
  const targets = [
    ...manifest.bugs.map((bug) => ({ kind: "bug" as const, id: bug.id, match: bug.match })),
    ...manifest.decoys.map((decoy) => ({ kind: "decoy" as const, id: decoy.id, match: decoy.match })),
  ];
  let best: MissionScore["target"] = null;
  let bestCount = 0;
  for (const target of targets) {
    const count = samples.filter((sample) => sampleMatches(target.match, sample)).length;
    if (count > bestCount) {
      best = { kind: target.kind, id: target.id };
      bestCount = count;
    }
  }
  return best;
}

function sampleMatches(match: EventMatch, sample: { error_type: string; message: string; frames: Array<{ file: string }> }): boolean {
  if (sample.error_type !== match.errorType) return false;
  if (!sample.message.includes(match.messageIncludes)) return false;
  // A module that fails to load has no frame in the app; its message names the file (eval/README.md).
  return sample.frames.some((frame) => frame.file === match.file || frame.file.endsWith(`/${match.file}`)) || sample.message.includes(match.file);
}

export function summarize(manifest: AppManifest, missions: MissionScore[], elapsedMs: number, error: string | null): AppScore {
  const bugs = manifest.bugs.map((bug) => {
    const mine = missions.filter((mission) => mission.target?.kind === "bug" && mission.target.id === bug.id);
    return {
      id: bug.id,
      fixed: mine.some((mission) => mission.delivered && mission.hiddenPassed === true && mission.visiblePassed === true),
      reproduced: mine.some((mission) => mission.reproduced === true),
      missions: mine.length,
    };
  });
  const decoys = manifest.decoys.map((decoy) => ({
    id: decoy.id,
    untouched: !missions.some((mission) => mission.delivered && mission.target?.kind === "decoy" && mission.target.id === decoy.id),
  }));
  // A delivered fix is broken when it fails its bug's held-back test or the app's own tests, or
  // when it is aimed at a decoy or at no known bug at all.
  const brokenProposals = missions.filter(
    (mission) => mission.delivered && (mission.target?.kind !== "bug" || mission.hiddenPassed !== true || mission.visiblePassed !== true),
  ).length;
  return { app: manifest.name, style: manifest.style, bugs, decoys, missions, brokenProposals, elapsedMs: Math.round(elapsedMs), error };
}

function runShell(cwd: string, command: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    execFile("sh", ["-c", command], { cwd, timeout: HIDDEN_TEST_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: "true" } }, (error) =>
      resolvePromise(error === null),
    );
  });
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile("git", args, { cwd }, (error, stdout) => (error ? reject(error) : resolvePromise(stdout)));
  });
}

export function evalRoot(): string {
  const root = resolve(import.meta.dirname, "..", "..", "eval");
  if (!existsSync(join(root, "node_modules"))) {
    throw new Error(`${root}/node_modules is missing: run \`npm install --prefix eval\` first`);
  }
  return root;
}
