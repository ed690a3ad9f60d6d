import { Router } from "express";
import type { TicketDesk, WidgetContext } from "../../../core/src/index.ts";
import type { Notifier } from "../../../notify/src/index.ts";
import { HttpError } from "../http-error.ts";
import route from "../route.ts";
import { readNewTicket } from "../validate.ts";
import { parseWidgetVersion, trustsPriority } from "../widget.ts";

export default function ticketRoutes(desk: TicketDesk, notifier: Notifier): Router {
  const router = Router();

  router.post(
    "/tickets",
    route(async (req, res) => {
      const input = readNewTicket(req.body);
      const version = parseWidgetVersion(req.header("x-widget-version"));
      const raw = req.header("x-widget-context");
      const context: WidgetContext | null = raw ? JSON.parse(raw) : null;
      const ticket = desk.open({ ...input, priority: trustsPriority(version) ? input.priority : "normal", context });
      await notifier.ticketOpened(ticket);
      res.status(201).json(ticket);
    }),
  );

  router.get(
    "/tickets/:id",
    route(async (req, res) => {
      const ticket = desk.get(req.params.id);
      if (!ticket) throw new HttpError(404, "not_found", `No ticket ${req.params.id}`);
      res.json(ticket);
    }),
  );

  router.post(
    "/tickets/:id/solve",
    route(async (req, res) => {
      const ticket = desk.solve(req.params.id);
      if (!ticket) throw new HttpError(404, "not_found", `No ticket ${req.params.id}`);
      res.json(ticket);
    }),
  );

  router.get(
    "/customers/:customerId/tickets",
    route(async (req, res) => {
      res.json({ items: desk.forCustomer(req.params.customerId) });
    }),
  );

  return router;
}
