import { agenda, localLabel, ROOMS, UTC_OFFSET } from "../../../../lib/agenda.ts";

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params) {
  const session = agenda.get((await params).id);
  if (!session) return Response.json({ error: "No such session" }, { status: 404 });
  return Response.json({ session: { ...session, label: localLabel(session.startsAt) } });
}

// The speaker portal moves a session: { date: "2026-11-27", time: "14:30", room? } in local time.
export async function PATCH(request: Request, { params }: Params) {
  const session = agenda.get((await params).id);
  if (!session) return Response.json({ error: "No such session" }, { status: 404 });
  const body = await request.json().catch(() => null);
  if (!body?.date || !body?.time) return Response.json({ error: "date and time are required" }, { status: 400 });
  if (body.room && !ROOMS.includes(body.room)) return Response.json({ error: `Unknown room ${body.room}` }, { status: 400 });

  const startsAt = new Date(`${body.date}T${body.time}:00${UTC_OFFSET}`);
  const moved = { ...session, startsAt: startsAt.toISOString(), room: body.room ?? session.room };
  const clash = agenda.clash(moved);
  if (clash) return Response.json({ error: `Clashes with "${clash.title}" in ${clash.room}` }, { status: 409 });

  Object.assign(session, moved);
  return Response.json({ session: { ...session, label: localLabel(session.startsAt) } });
}
