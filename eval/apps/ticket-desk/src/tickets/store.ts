export type Status = "open" | "pending" | "solved";

export interface Comment {
  id: number;
  author: string;
  body: string;
  public: boolean;
  createdAt: string;
}

export interface Ticket {
  id: number;
  subject: string;
  requesterEmail: string;
  status: Status;
  priority: "low" | "normal" | "high" | "urgent";
  assignee: string | null;
  /** Agents and CCs who get every update. Tickets migrated from the old desk have none set. */
  watchers?: string[];
  context?: Record<string, unknown>;
  comments: Comment[];
  createdAt: string;
}

export interface TicketStore {
  get(id: number): Ticket | undefined;
  list(filter: { status?: Status; assignee?: string }): Ticket[];
  create(input: Omit<Ticket, "id" | "comments" | "createdAt" | "status">): Ticket;
  nextCommentId(): number;
}

export function createTicketStore(seed: Ticket[], clock: () => Date): TicketStore {
  const tickets = new Map(seed.map((ticket) => [ticket.id, structuredClone(ticket)]));
  let nextTicket = Math.max(0, ...tickets.keys()) + 1;
  let nextComment = 90_000;

  return {
    get: (id) => tickets.get(id),
    list: ({ status, assignee }) =>
      [...tickets.values()].filter((t) => (!status || t.status === status) && (!assignee || t.assignee === assignee)),
    create(input) {
      const ticket: Ticket = { ...input, id: nextTicket++, status: "open", comments: [], createdAt: clock().toISOString() };
      tickets.set(ticket.id, ticket);
      return ticket;
    },
    nextCommentId: () => nextComment++,
  };
}

export const SEED_TICKETS: Ticket[] = [
  {
    id: 48211,
    subject: "Invoice shows the wrong VAT number",
    requesterEmail: "lotte@kaffeerei.de",
    status: "open",
    priority: "normal",
    assignee: "agent.mira",
    watchers: ["agent.mira", "billing-team@helpline.io"],
    comments: [],
    createdAt: "2026-11-05T08:12:00.000Z",
  },
  {
    id: 48230,
    subject: "Cannot export reports to PDF",
    requesterEmail: "it@nordlicht-gmbh.de",
    status: "pending",
    priority: "high",
    assignee: "agent.sven",
    watchers: ["agent.sven"],
    comments: [],
    createdAt: "2026-11-05T09:40:00.000Z",
  },
  {
    // Migrated from the old desk in October: no watchers field.
    id: 31077,
    subject: "Second user licence not activated",
    requesterEmail: "admin@baeckerei-lutz.de",
    status: "open",
    priority: "low",
    assignee: "agent.mira",
    comments: [],
    createdAt: "2026-09-30T14:03:00.000Z",
  },
  {
    id: 31102,
    subject: "SSO login loops back to the start page",
    requesterEmail: "ops@fahrradwerk.eu",
    status: "open",
    priority: "urgent",
    assignee: null,
    comments: [],
    createdAt: "2026-10-01T07:55:00.000Z",
  },
];
