import { agenda, localLabel, SPEAKERS } from "../../../lib/agenda.ts";

// GET /api/sessions?day=2026-11-26&track=main
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const day = searchParams.get("day");
  const track = searchParams.get("track");
  const sessions = agenda.sessions
    .filter((s) => (!day || s.startsAt.startsWith(day)) && (!track || s.track === track))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((s) => ({ ...s, speakerName: SPEAKERS[s.speaker]?.name ?? s.speaker, label: localLabel(s.startsAt) }));
  return Response.json({ sessions });
}
