import { pathToFileURL } from "node:url";
import { createApp } from "./app.js";

// Scanner requests go through several awaits; the default 10 frames cut off the handler.
Error.stackTraceLimit = 50;

export function start({ port = Number(process.env.PORT ?? 8080), host = "0.0.0.0", onError = (error) => console.error(error) } = {}) {
  const app = createApp({ onError });
  app.server.listen(port, host);
  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) start();
