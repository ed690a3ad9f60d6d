import type { MissionRow } from "../store/missions/mission-row.ts";
import { buildFix } from "./build-fix.ts";
import { followProposal, validateFix } from "./deliver-fix.ts";
import { diagnose } from "./diagnose-mission.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import { transition } from "./mission-transitions.ts";

// One step of a mission's state machine per call: detected → diagnosing → fixing → validating →
// proposed | applied → watching (judged by the deployment monitor), or a terminal state with a
// reason. Every transition is written with its audit event in one transaction, under the lease.
// A step with nothing to do yet (checks still running, no decision yet) returns the very mission
// object it was given; the caller then waits for a later tick.

export async function advanceMission(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  switch (mission.state) {
    case "detected":
      return transition(deps, mission, "diagnosing", {}, "mission.diagnosing", "Diagnosis started.");
    case "diagnosing":
      return diagnose(deps, mission);
    case "fixing":
      return buildFix(deps, mission);
    case "validating":
      return validateFix(deps, mission);
    case "proposed":
      return followProposal(deps, mission);
    default:
      return mission;
  }
}
