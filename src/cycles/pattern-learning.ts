import { patternLibrary } from "../fix/pattern-library.ts";
import { posteriorConfidence, priorFromBaseConfidence } from "../learn/pattern-confidence.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { listUnlearnedOutcomes } from "../store/patterns/list-unlearned-outcomes.ts";
import { recordPatternOutcome } from "../store/patterns/record-pattern-outcome.ts";
import type { CycleOptions, CycleReport } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";
import { forEachProject } from "./project-loop.ts";

// Cycle 2, pattern-learning: fold each finished mission into its pattern's record (per project
// and shared), so the next fix of the same shape starts from what happened to this one. Each
// mission is counted once (learned_at is set in the same transaction). Which missions count, and
// which way, is listUnlearnedOutcomes' rule.

const BATCH = 100;

export async function runPatternLearning(ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  const bases = new Map(patternLibrary.map((pattern) => [pattern.id, pattern.baseConfidence]));
  return forEachProject(ctx, options, "pattern-learning", async (project, report) => {
    for (;;) {
      if (Date.now() >= options.deadline) {
        report.deadlineReached = true;
        return;
      }
      const outcomes = await listUnlearnedOutcomes(ctx.sql, project.id, BATCH);
      if (outcomes.length === 0) return;
      for (const outcome of outcomes) {
        const { success } = outcome;
        // A model-written fix has no library entry: its base is the one its mission was decided with.
        const base = bases.get(outcome.pattern_id) ?? outcome.fix_base_confidence ?? 0.5;
        const counted = await recordPatternOutcome(ctx.sql, {
          projectId: outcome.project_id,
          missionId: outcome.id,
          patternId: outcome.pattern_id,
          errorClass: outcome.error_class ?? "unknown",
          success,
          confidence: (successes, failures) => posteriorConfidence({ successes, failures }, priorFromBaseConfidence(base)).mean,
          at: ctx.now(),
        });
        if (!counted) continue;
        report.processed += 1;
        await recordHealingEvent(ctx.sql, {
          projectId: outcome.project_id,
          missionId: outcome.id,
          kind: "learn.outcome",
          message: `${outcome.pattern_id} ${success ? "succeeded" : "failed"} (${outcome.state}).`,
          data: { pattern: outcome.pattern_id, success, state: outcome.state },
          at: ctx.now(),
        });
      }
      if (outcomes.length < BATCH) return;
    }
  });
}
