export interface Shift {
  id: string;
  teamId: string;
  employeeId: string;
  start: string;
  end: string;
}

export interface Team {
  id: string;
  name: string;
  channel: "email" | "sms";
  members: Array<{ id: string; name: string; email: string; phone: string }>;
}

export interface Db {
  teams: Team[];
  shifts: Shift[];
  swaps: Array<{ shiftId: string; from: string; to: string; reason: string; approved: boolean }>;
}

export function seedDb(): Db {
  return {
    teams: [
      { id: "t-osl-day", name: "Oslo day shift", channel: "email", members: [
        { id: "e-101", name: "Ingrid Berg", email: "ingrid.berg@nordlys.no", phone: "+4791234501" },
        { id: "e-102", name: "Ola Hansen", email: "ola.hansen@nordlys.no", phone: "+4791234502" },
      ] },
      { id: "t-osl-night", name: "Oslo night shift", channel: "sms", members: [
        { id: "e-201", name: "Kari Nilsen", email: "kari.nilsen@nordlys.no", phone: "+4791234601" },
        { id: "e-202", name: "Amir Haddad", email: "amir.haddad@nordlys.no", phone: "+4791234602" },
      ] },
      { id: "t-brg-dock", name: "Bergen dock", channel: "sms", members: [
        { id: "e-301", name: "Sigrid Lie", email: "sigrid.lie@nordlys.no", phone: "+4791234701" },
      ] },
      { id: "t-trd-office", name: "Trondheim office", channel: "email", members: [
        { id: "e-401", name: "Jonas Moe", email: "jonas.moe@nordlys.no", phone: "+4791234801" },
      ] },
    ],
    shifts: [
      { id: "sh-9001", teamId: "t-osl-day", employeeId: "e-101", start: "2026-11-30T06:00:00Z", end: "2026-11-30T14:00:00Z" },
      { id: "sh-9002", teamId: "t-osl-day", employeeId: "e-102", start: "2026-12-01T06:00:00Z", end: "2026-12-01T14:00:00Z" },
      { id: "sh-9010", teamId: "t-osl-night", employeeId: "e-201", start: "2026-11-30T21:00:00Z", end: "2026-12-01T05:00:00Z" },
      { id: "sh-9011", teamId: "t-osl-night", employeeId: "e-202", start: "2026-12-01T21:00:00Z", end: "2026-12-02T05:00:00Z" },
      { id: "sh-9020", teamId: "t-brg-dock", employeeId: "e-301", start: "2026-12-02T07:00:00Z", end: "2026-12-02T15:00:00Z" },
      { id: "sh-9030", teamId: "t-trd-office", employeeId: "e-401", start: "2026-12-01T08:00:00Z", end: "2026-12-01T16:00:00Z" },
    ],
    swaps: [],
  };
}

export function weekOf(db: Db, teamId: string, fromIso: string): Shift[] {
  const from = Date.parse(fromIso);
  const to = from + 7 * 86_400_000;
  return db.shifts.filter((s) => s.teamId === teamId && Date.parse(s.start) >= from && Date.parse(s.start) < to).sort((a, b) => a.start.localeCompare(b.start));
}
