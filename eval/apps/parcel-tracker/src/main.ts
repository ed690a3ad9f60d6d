import { serve } from "@hono/node-server";
import { buildApp } from "./app.ts";

const keys = JSON.parse(process.env.PARTNER_KEYS ?? "{}");
serve({ fetch: buildApp({ keys }).fetch, port: Number(process.env.PORT ?? 3000) });
