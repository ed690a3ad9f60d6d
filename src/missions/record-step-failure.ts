import { coerceError } from "../core/errors.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import { updateMission } from "../store/missions/update-mission.ts";
import type { MissionContext } from "./mission-context.ts";

/** After a failed step, wait this long before the mission is claimable again. */
const RETRY_AFTER_SECONDS = 60;

/** A step that threw: recorded on the mission and in the audit trail, retried after a pause. */
export async function recordStepFailure(ctx: MissionContext, projectId: string, mission: MissionRow, failure: Error): Promise<void> {
  ctx.logger.error("mission step failed", { mission: mission.id, state: mission.state, error: failure.message });
  await recordHealingEvent(ctx.sql, {
    projectId,
    traceId: mission.trace_id,
    missionId: mission.id,
    kind: "mission.step_failed",
    message: `The ${mission.state} step failed: ${failure.message}`,
    data: { state: mission.state, code: (failure as { code?: string }).code ?? null },
    at: ctx.now(),
  });
  await updateMission(ctx.sql, mission.id, ctx.runnerId, { last_error: failure.message.slice(0, 2000) }, {
    release: true,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  }).catch((error) => ctx.logger.error("could not record the step failure", { mission: mission.id, error: coerceError(error).message }));
}
