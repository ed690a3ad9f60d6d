import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";

serve({ fetch: createApp().fetch, port: Number(process.env.PORT ?? 8787) });
