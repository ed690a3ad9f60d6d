import { ROSTER, TicketDesk } from "./packages/core/src/index.ts";
import { createApp } from "./packages/http/src/index.ts";
import { createWebhookNotifier } from "./packages/notify/src/index.ts";

const app = createApp({
  desk: new TicketDesk(ROSTER),
  notifier: createWebhookNotifier(process.env.SUPPORT_WEBHOOK_URL ?? "http://chat-hooks.internal/support"),
  report: (error, req) => console.error(`${req.method} ${req.originalUrl}`, error),
});

app.listen(Number(process.env.PORT ?? 8080));
