import { serve } from "@hono/node-server";
import { createApp, createStore, seed } from "./index.ts";

const app = createApp({
  store: createStore({ rooms: seed.rooms, messages: seed.messages }),
  report: (error, request) => console.error(request.method, request.url, error),
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) });
