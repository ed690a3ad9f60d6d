import type { HealingSettings } from "../config/healing-config.ts";
import type { Logger } from "../core/logger.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import { validationRecordSchema } from "../deliver/validation-record.ts";
import type { ModelFixer } from "../fix/model/model-fixer.ts";
import { BodyParseError } from "../ingest/batch.ts";
import type { NormalizedEvent } from "../ingest/event.ts";
import { parseGenericBatch } from "../ingest/generic-event.ts";
import { storeEvents } from "../ingest/store-events.ts";
import { storedDiagnosisSchema, storedFixSchema } from "../missions/mission-records.ts";
import { type GroupSummary, listGroupSummaries } from "../store/errors/list-group-summaries.ts";
import { listMissions } from "../store/missions/list-missions.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { Sql } from "../store/sql.ts";
import type { CycleName } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";
import { runCycle } from "./run-cycle.ts";

// Replays recorded events through the whole loop once: store them, then run the cycles on the
// events' own clock until nothing moves. Used by `suture replay`, the demo and the bench.

export interface ReplayOptions {
  sql: Sql;
  projectId: string;
  forge: ProjectForge;
  logger: Logger;
  settingsOverride?: (settings: HealingSettings) => HealingSettings;
  /** Cycle passes before giving up on a loop that keeps moving (it should settle in a few). */
  maxPasses?: number;
  runnerId?: string;
  modelFixer?: ModelFixer | null;
}

export interface ReplayEventsReport {
  accepted: number;
  duplicates: number;
  rejected: Array<{ line: number; error: string }>;
  clock: Date | null;
}

export interface ReplayMission {
  fingerprint: string;
  error_type: string;
  message: string;
  events: number;
  severity: "P0" | "P1" | "P2" | "P3" | "P4";
  diagnosis: { file: string; line: number; cause: string; pattern: string } | null;
  fix: { branch: string; commit: string; files: string[]; confidence: number; risk: "low" | "medium" | "high" } | null;
  validation: { command: string; passed: boolean } | null;
  decision: "auto_apply" | "pull_request" | "needs_human" | "rejected";
  reason: string;
  /** Not part of the exact contract's required keys: the mission's state and id for people. */
  state: string;
  mission_id: string;
  trace_id: string;
}

/** Stores the events of a JSON-lines file; malformed lines are reported by line number and skipped. */
export async function ingestReplayEvents(sql: Sql, projectId: string, text: string): Promise<ReplayEventsReport> {
  const lines: Array<{ line: number; text: string }> = [];
  text.split("\n").forEach((content, index) => {
    if (content.trim() !== "") lines.push({ line: index + 1, text: content });
  });
  const rejected: ReplayEventsReport["rejected"] = [];
  const events: NormalizedEvent[] = [];
  const CHUNK = 1000;
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    for (const parsed of parseLines(chunk)) {
      if (parsed.event) events.push(parsed.event);
      else rejected.push({ line: parsed.line, error: parsed.error });
    }
  }
  let accepted = 0;
  let duplicates = 0;
  for (let start = 0; start < events.length; start += CHUNK) {
    const stored = await storeEvents(sql, projectId, events.slice(start, start + CHUNK));
    accepted += stored.accepted;
    duplicates += stored.duplicates;
  }
  const clock = events.reduce<Date | null>((latest, event) => (!latest || event.timestamp > latest ? event.timestamp : latest), null);
  return { accepted, duplicates, rejected, clock };
}

// One item per line, so a rejection's index is the chunk line it came from. A chunk with no
// parseable line at all is a body error for the batch parser; then each line is tried alone.
function parseLines(chunk: Array<{ line: number; text: string }>): Array<{ line: number; event?: NormalizedEvent; error: string }> {
  try {
    const batch = parseGenericBatch(chunk.map((entry) => entry.text).join("\n"), null);
    const rejectedAt = new Map(batch.rejected.map((rejection) => [rejection.index, rejection.error]));
    const results: Array<{ line: number; event?: NormalizedEvent; error: string }> = [];
    let next = 0;
    chunk.forEach((entry, index) => {
      const error = rejectedAt.get(index);
      if (error !== undefined) results.push({ line: entry.line, error: withoutLinePrefix(error) });
      else results.push({ line: entry.line, event: batch.events[next++], error: "" });
    });
    return results;
  } catch (error) {
    if (!(error instanceof BodyParseError)) throw error;
    if (chunk.length === 1) return [{ line: chunk[0]!.line, error: withoutLinePrefix(error.message) }];
    return chunk.flatMap((entry) => parseLines([entry]));
  }
}

function withoutLinePrefix(message: string): string {
  return message.replace(/^line \d+: /, "");
}

/** Runs the cycles on the given clock until a full pass changes nothing. */
export async function runReplayCycles(options: ReplayOptions, clock: Date): Promise<void> {
  const ctx: HealContext = {
    sql: options.sql,
    logger: options.logger,
    now: () => clock,
    runnerId: options.runnerId ?? `replay-${Math.random().toString(36).slice(2, 10)}`,
    forgeFor: async () => options.forge,
    settingsOverride: options.settingsOverride,
    modelFixer: options.modelFixer ?? null,
  };
  const cycles: CycleName[] = ["detect-and-fix", "deployment-monitoring", "pattern-learning"];
  const maxPasses = options.maxPasses ?? 10;
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    for (const name of cycles) {
      const report = await runCycle(name, ctx, { deadline: Number.POSITIVE_INFINITY, projectId: options.projectId });
      if (report.failed > 0) options.logger.warn("cycle step failed", { cycle: name, errors: report.errors });
      moved += report.processed + report.opened;
    }
    if (moved === 0) return;
  }
}

export async function replayMissions(sql: Sql, projectId: string): Promise<ReplayMission[]> {
  const missions = await listMissions(sql, projectId);
  const groups = await listGroupSummaries(sql, projectId);
  const byId = new Map(groups.map((group) => [group.id, group]));
  return missions.map((mission) => toReplayMission(mission, byId.get(mission.detected_error_id)));
}

/** A report reads records permissively: a part that does not parse is shown as absent. */
function toReplayMission(mission: MissionRow, group: GroupSummary | undefined): ReplayMission {
  const diagnosis = storedDiagnosisSchema.safeParse(mission.diagnosis).data;
  const fix = storedFixSchema.safeParse(mission.fix).data;
  const validation = validationRecordSchema.safeParse(mission.validation).data;
  return {
    fingerprint: mission.fingerprint,
    error_type: group?.error_type ?? "",
    message: group?.normalized_message ?? "",
    events: Number(group?.event_count ?? 0),
    severity: mission.severity ?? "P4",
    diagnosis: diagnosis?.kind === "code-bug"
      ? {
          file: diagnosis.culprit.file,
          line: diagnosis.culprit.line,
          cause: fix?.rootCause ?? diagnosis.cause,
          pattern: mission.pattern_id ?? diagnosis.errorClass,
        }
      : null,
    fix: fix && mission.branch && mission.commit_sha
      ? {
          branch: mission.branch,
          commit: mission.commit_sha,
          files: fix.files,
          confidence: Number((mission.confidence ?? 0).toFixed(4)),
          risk: mission.risk ?? "medium",
        }
      : null,
    validation: validation ? { command: validation.command, passed: validation.passed } : null,
    decision: mission.decision ?? "needs_human",
    reason: mission.decision_reason ?? `The mission stopped in state ${mission.state}.`,
    state: mission.state,
    mission_id: mission.id,
    trace_id: mission.trace_id,
  };
}
