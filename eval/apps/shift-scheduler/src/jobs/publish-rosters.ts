import { report } from "../lib/report";
import { type Db, type Team, weekOf } from "../lib/roster";

// EventBridge Scheduler event ("roster-sync", every 5 minutes): publishes next week's roster to
// each team on its channel.
export interface ScheduledEvent {
  id: string;
  "detail-type": "Scheduled Event";
  source: "aws.scheduler" | "aws.events";
  time: string;
  detail: { weekStarting?: string };
}

function line(team: Team, shifts: ReturnType<typeof weekOf>, employeeId: string): string {
  const own = shifts.filter((s) => s.employeeId === employeeId).map((s) => s.start.slice(5, 16).replace("T", " "));
  return own.length ? `${team.name}: your shifts ${own.join(", ")} (UTC)` : `${team.name}: no shifts next week`;
}

function notifyTeam(team: Team, shifts: ReturnType<typeof weekOf>): number {
  if (team.channel === "sms") {
    const { sendSms } = require("../notify/sms") as typeof import("../notify/text-message");
    for (const member of team.members) sendSms(member.phone, line(team, shifts, member.id));
  } else {
    const { sendEmail } = require("../notify/email") as typeof import("../notify/email");
    for (const member of team.members) sendEmail(member.email, `Roster for the week of ${shifts[0]?.start.slice(0, 10) ?? "next week"}`, line(team, shifts, member.id));
  }
  return team.members.length;
}

export function createPublishRosters(db: Db) {
  return async function publishRosters(event: ScheduledEvent) {
    const weekStarting = event.detail.weekStarting ?? "2026-11-30T00:00:00Z";
    const results: Array<{ teamId: string; notified: number } | { teamId: string; failed: true }> = [];
    for (const team of db.teams) {
      try {
        results.push({ teamId: team.id, notified: notifyTeam(team, weekOf(db, team.id, weekStarting)) });
      } catch (error) {
        report(error, { job: "publish-rosters", teamId: team.id, scheduleEvent: event.id });
        results.push({ teamId: team.id, failed: true });
      }
    }
    return results;
  };
}
