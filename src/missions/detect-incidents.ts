import { classifyError } from "../diagnose/classify.ts";
import { detectIncident } from "../detect/incident.ts";
import { scoreSeverity } from "../detect/severity.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { loadGroupActivity } from "../store/detect/load-group-activity.ts";
import { loadRouteLoad } from "../store/detect/load-route-load.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import { openMission } from "../store/missions/open-mission.ts";
import type { MissionContext, MissionProject } from "./mission-context.ts";

// Detection: which groups became incidents since the last look, with what severity. Opens one
// mission per incident (the database refuses a second open one for the same group).

export async function detectIncidents(ctx: MissionContext, project: MissionProject): Promise<MissionRow[]> {
  const now = ctx.now();
  const { detection } = project.settings;
  const groups = await loadGroupActivity(ctx.sql, project.id, {
    now,
    windowMinutes: detection.spikeWindowMinutes,
    windows: detection.baselineWindows + 1,
  });
  const opened: MissionRow[] = [];
  for (const group of groups) {
    const reason = detectIncident(
      {
        fingerprint: group.fingerprint,
        status: group.status,
        firstSeen: new Date(group.first_seen),
        eventCount: group.event_count,
        windowCounts: group.window_counts.map(Number),
      },
      detection,
    );
    if (!reason) continue;

    const hourAgo = new Date(now.getTime() - 3_600_000);
    const route = group.last_route ? await loadRouteLoad(ctx.sql, project.id, group.last_route, { from: hourAgo, to: now }) : null;
    const classification = classifyError(group.error_type, group.normalized_message);
    const lastWindow = group.window_counts.map(Number).slice(-Math.max(1, Math.round(60 / detection.spikeWindowMinutes)));
    const eventsLastHour = lastWindow.reduce((sum, n) => sum + n, 0);
    const severity = scoreSeverity({
      errorType: group.error_type,
      message: group.normalized_message,
      atModuleLoad: classification.kind === "code-bug" && classification.errorClass === "module-not-found",
      routeRequests: route?.requests ?? null,
      // The route's failures that are this error's, not every failure the route had: two bugs on
      // one route must not each claim the other's share.
      routeErrors: route ? Math.min(route.requests, route.errors, eventsLastHour) : null,
      affectedUsers: group.user_count,
      eventsPerHour: eventsLastHour,
      totalUsers: null,
      route: group.last_route,
    });
    const mission = await openMission(ctx.sql, {
      projectId: project.id,
      detectedErrorId: group.id,
      fingerprint: group.fingerprint,
      incident: reason,
      severity: severity.severity,
      severityInputs: { ...severity.inputs, reasons: severity.reasons },
    });
    if (!mission) continue;
    await recordHealingEvent(ctx.sql, {
      projectId: project.id,
      traceId: mission.trace_id,
      missionId: mission.id,
      kind: "mission.detected",
      message: `${group.title} became an incident (${reason.kind}), severity ${severity.severity}: ${severity.reasons.join("; ")}`,
      data: { incident: reason, severity: severity.severity, reasons: severity.reasons },
      at: now,
    });
    opened.push(mission);
  }
  return opened;
}
