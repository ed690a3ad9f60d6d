import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { type GroupStatus, setGroupStatus } from "../store/errors/set-group-status.ts";
import type { MissionRow, MissionState } from "../store/missions/mission-row.ts";
import { type MissionPatch, updateMission } from "../store/missions/update-mission.ts";
import type { MissionContext } from "./mission-context.ts";

// Writing a mission's progress: each transition with its audit event in one transaction, under
// the runner's lease; the terminal ones also move the group's status.

export interface TransitionDeps {
  ctx: MissionContext;
  project: { id: string };
}

export async function needsHuman(deps: TransitionDeps, mission: MissionRow, reason: string, patch: MissionPatch): Promise<MissionRow> {
  return finish(deps, mission, "needs_human", { ...patch, decision: "needs_human", decision_reason: reason }, "incident");
}

export async function finish(
  deps: TransitionDeps,
  mission: MissionRow,
  state: MissionState,
  patch: MissionPatch,
  groupStatus: GroupStatus,
): Promise<MissionRow> {
  return transition(deps, mission, state, patch, `mission.${state}`, patch.decision_reason ?? state, {}, groupStatus);
}

/** Writes the new state and its audit event together; optionally moves the group's status too. */
export async function transition(
  deps: TransitionDeps,
  mission: MissionRow,
  state: MissionState,
  patch: MissionPatch,
  kind: string,
  message: string,
  data: Record<string, unknown> = {},
  groupStatus?: GroupStatus,
): Promise<MissionRow> {
  const at = deps.ctx.now();
  await deps.ctx.sql.transaction(async (tx) => {
    await updateMission(tx, mission.id, deps.ctx.runnerId, { ...patch, state });
    await recordHealingEvent(tx, {
      projectId: deps.project.id,
      traceId: mission.trace_id,
      missionId: mission.id,
      kind,
      message,
      data: { from: mission.state, to: state, ...data },
      at,
    });
    if (groupStatus) await setGroupStatus(tx, mission.detected_error_id, groupStatus);
  });
  deps.ctx.logger.info("mission transition", { mission: mission.id, from: mission.state, to: state, kind });
  return { ...mission, ...patch, state } as MissionRow;
}

export async function audit(deps: TransitionDeps, mission: MissionRow, kind: string, message: string, data: Record<string, unknown>): Promise<void> {
  await recordHealingEvent(deps.ctx.sql, {
    projectId: deps.project.id,
    traceId: mission.trace_id,
    missionId: mission.id,
    kind,
    message,
    data,
    at: deps.ctx.now(),
  });
}
