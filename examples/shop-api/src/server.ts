// node:http entry point. Adapts IncomingMessage to a web Request and back, nothing more.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { createApp, type App } from "./app.ts";
import { createDb } from "./lib/db.ts";
import { createShippingClient } from "./lib/shipping.ts";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && body.length > 0;
  return new Request(url, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });
}

async function respond(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = toRequest(req, await readBody(req));
  const response = await app.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function serve(app: App, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    respond(app, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = createApp({
    db: createDb(),
    shipping: createShippingClient({ baseUrl: process.env.SHIPPING_API_URL ?? "http://shipping.internal:8080" }),
    onError(error, request) {
      const stack = error instanceof Error ? error.stack : String(error);
      console.error(JSON.stringify({ level: "error", msg: "unhandled error", method: request.method, url: request.url, stack }));
    },
  });
  const port = Number(process.env.PORT ?? 3000);
  await serve(app, port);
  console.log(JSON.stringify({ level: "info", msg: "shop-api listening", port }));
}
