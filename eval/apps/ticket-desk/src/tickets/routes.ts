import type { FastifyInstance } from "fastify";
import type { Notifier } from "../notify.ts";
import { commentSchema, createTicketSchema } from "./schemas.ts";
import type { Status, Ticket, TicketStore } from "./store.ts";

interface Deps {
  store: TicketStore;
  notifier: Notifier;
  clock: () => Date;
}

function view(ticket: Ticket) {
  const { comments, ...rest } = ticket;
  return { ...rest, watchers: ticket.watchers ?? [], commentCount: comments.length };
}

export async function ticketRoutes(app: FastifyInstance, { store, notifier, clock }: Deps) {
  app.get<{ Querystring: { status?: Status; assignee?: string } }>("/tickets", async (request) => {
    return { tickets: store.list(request.query).map(view) };
  });

  app.get<{ Params: { id: string } }>("/tickets/:id", async (request, reply) => {
    const ticket = store.get(Number(request.params.id));
    if (!ticket) return reply.code(404).send({ statusCode: 404, error: "Not Found", message: "Ticket not found" });
    return { ticket: view(ticket), comments: ticket.comments };
  });

  // The help widget sends where the user was (page, app version, locale) as a JSON header.
  app.post<{ Body: { subject: string; email: string; message: string; priority?: Ticket["priority"] } }>(
    "/tickets",
    { schema: createTicketSchema },
    async (request, reply) => {
      const header = request.headers["x-widget-context"];
      const context = typeof header === "string" ? JSON.parse(header) : undefined;
      const ticket = store.create({
        subject: request.body.subject,
        requesterEmail: request.body.email,
        priority: request.body.priority ?? "normal",
        assignee: null,
        watchers: [],
        context,
      });
      ticket.comments.push({ id: store.nextCommentId(), author: request.body.email, body: request.body.message, public: true, createdAt: ticket.createdAt });
      return reply.code(201).send({ ticket: view(ticket) });
    },
  );

  app.post<{ Params: { id: number }; Body: { author: string; body: string; public: boolean } }>(
    "/tickets/:id/comments",
    { schema: commentSchema },
    async (request, reply) => {
      const ticket = store.get(request.params.id);
      if (!ticket) return reply.code(404).send({ statusCode: 404, error: "Not Found", message: "Ticket not found" });
      const comment = { id: store.nextCommentId(), ...request.body, createdAt: clock().toISOString() };

      const recipients = new Set<string>();
      if (comment.public) recipients.add(ticket.requesterEmail);
      for (const watcher of ticket.watchers) {
        if (watcher !== comment.author) recipients.add(watcher);
      }
      ticket.comments.push(comment);
      if (ticket.status === "solved" && comment.public) ticket.status = "open";
      if (recipients.size > 0) await notifier.send({ to: [...recipients], ticketId: ticket.id, summary: comment.body.slice(0, 140) });
      return reply.code(201).send({ comment, notified: recipients.size });
    },
  );
}
