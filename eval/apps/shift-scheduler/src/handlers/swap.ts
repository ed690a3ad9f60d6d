import { type ApiEvent, respond } from "../lib/api";
import { report } from "../lib/report";
import type { Db } from "../lib/roster";

interface SwapRequest {
  withEmployeeId: string;
  reason?: string;
}

// POST /shifts/{shiftId}/swap — an employee offers their shift to a colleague on the same team.
export function createSwapHandler(db: Db) {
  return async function swap(event: ApiEvent) {
    try {
      const shift = db.shifts.find((s) => s.id === event.pathParameters?.shiftId);
      if (!shift) return respond(404, { error: "shift not found" });
      const caller = event.requestContext.authorizer?.claims?.["custom:employeeId"];
      if (caller !== shift.employeeId) return respond(403, { error: "only the assigned employee can offer a shift" });

      const body: SwapRequest = JSON.parse(event.body ?? "{}");
      const team = db.teams.find((t) => t.id === shift.teamId)!;
      if (!team.members.some((m) => m.id === body.withEmployeeId)) return respond(422, { error: "colleague must be on the same team" });

      db.swaps.push({ shiftId: shift.id, from: shift.employeeId, to: body.withEmployeeId, reason: body.reason ?? "", approved: false });
      return respond(200, { shiftId: shift.id, offeredTo: body.withEmployeeId, status: "pending approval" });
    } catch (error) {
      report(error, { requestId: event.requestContext.requestId });
      return respond(500, { error: "internal error" });
    }
  };
}
