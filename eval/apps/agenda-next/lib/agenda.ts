export interface Session {
  id: string;
  title: string;
  speaker: string;
  room: string;
  track: "main" | "workshops" | "lightning";
  startsAt: string;
  minutes: number;
}

// Conference local time is CET (the event runs 26–27 November in Copenhagen).
export const UTC_OFFSET = "+01:00";
export const ROOMS = ["Harbour Hall", "Loft", "Workshop A", "Workshop B"];

const SESSIONS: Session[] = [
  { id: "s-101", title: "Streams in 2026", speaker: "matteo-rossi", room: "Harbour Hall", track: "main", startsAt: "2026-11-26T09:30:00.000Z", minutes: 40 },
  { id: "s-102", title: "Profiling the event loop", speaker: "ingrid-dahl", room: "Harbour Hall", track: "main", startsAt: "2026-11-26T10:20:00.000Z", minutes: 40 },
  { id: "s-103", title: "Hands-on: Node test runner", speaker: "sofia-larsen", room: "Workshop A", track: "workshops", startsAt: "2026-11-26T12:00:00.000Z", minutes: 90 },
  { id: "s-104", title: "Five minutes of WASI", speaker: "kwame-mensah", room: "Loft", track: "lightning", startsAt: "2026-11-26T15:00:00.000Z", minutes: 5 },
  { id: "s-201", title: "Permission model in practice", speaker: "ingrid-dahl", room: "Loft", track: "main", startsAt: "2026-11-27T09:30:00.000Z", minutes: 30 },
  { id: "s-202", title: "Hands-on: undici internals", speaker: "matteo-rossi", room: "Workshop B", track: "workshops", startsAt: "2026-11-27T13:00:00.000Z", minutes: 90 },
  { id: "s-203", title: "Shipping single executables", speaker: "lea-brun", room: "Harbour Hall", track: "main", startsAt: "2026-11-27T14:00:00.000Z", minutes: 40 },
];

export const SPEAKERS: Record<string, { name: string; company: string }> = {
  "matteo-rossi": { name: "Matteo Rossi", company: "Fermata" },
  "ingrid-dahl": { name: "Ingrid Dahl", company: "Norrsken Labs" },
  "sofia-larsen": { name: "Sofia Larsen", company: "independent" },
  "kwame-mensah": { name: "Kwame Mensah", company: "Accra Devs" },
  "lea-brun": { name: "Léa Brun", company: "Clevercloud" },
};

export function createAgenda(seed: Session[] = SESSIONS) {
  const sessions = seed.map((session) => ({ ...session }));
  return {
    sessions,
    get(id: string) {
      return sessions.find((session) => session.id === id);
    },
    /** Another session in the same room overlapping [start, start + minutes). */
    clash(candidate: Session) {
      const start = Date.parse(candidate.startsAt);
      const end = start + candidate.minutes * 60_000;
      return sessions.find((other) => {
        if (other.id === candidate.id || other.room !== candidate.room) return false;
        const otherStart = Date.parse(other.startsAt);
        return otherStart < end && start < otherStart + other.minutes * 60_000;
      });
    },
  };
}

export type Agenda = ReturnType<typeof createAgenda>;

export const agenda = createAgenda();

export function localLabel(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" }).format(new Date(iso));
}
