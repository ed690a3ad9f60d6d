import { type ApiEvent, parseBody, respond } from "../lib/api";
import type { Db } from "../lib/roster";

// PUT /employees/{employeeId}/availability — days an employee cannot work next month.
export function createAvailabilityHandler(db: Db, store: Map<string, string[]> = new Map()) {
  return async function availability(event: ApiEvent) {
    const employeeId = event.pathParameters?.employeeId ?? "";
    if (!db.teams.some((t) => t.members.some((m) => m.id === employeeId))) return respond(404, { error: "employee not found" });
    const body = parseBody<{ unavailable: string[] }>(event);
    if (!body || !Array.isArray(body.unavailable)) return respond(400, { error: "unavailable must be a list of dates" });
    store.set(employeeId, body.unavailable);
    return respond(200, { employeeId, unavailable: body.unavailable });
  };
}
