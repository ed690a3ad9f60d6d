import { agenda, localLabel, SPEAKERS } from "../../../../lib/agenda.ts";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const speaker = SPEAKERS[slug];
  if (!speaker) return Response.json({ error: "No such speaker" }, { status: 404 });
  const sessions = agenda.sessions.filter((s) => s.speaker === slug).map((s) => ({ id: s.id, title: s.title, room: s.room, label: localLabel(s.startsAt) }));
  return Response.json({ ...speaker, sessions });
}
