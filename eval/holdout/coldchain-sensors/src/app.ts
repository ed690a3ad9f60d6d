import Fastify, { type FastifyInstance } from "fastify";
import type { FirmwareClient } from "./clients/firmware-client.js";
import { silentReporter, type Reporter } from "./lib/errors.js";
import { DeviceRegistry, firmwareRoutes, readingsRoutes, ReadingStore, summaryRoutes } from "./modules/index.js";

export interface AppDeps {
  registry: DeviceRegistry;
  store: ReadingStore;
  firmware: FirmwareClient;
  reporter?: Reporter;
  onAlert?: (deviceId: string, code: string) => void;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  const reporter = deps.reporter ?? silentReporter;

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) reporter.capture(error, { method: request.method, url: request.url, status });
    reply.code(status).send({ message: status >= 500 ? "internal error" : error.message });
  });

  app.get("/healthz", async () => ({ ok: true }));
  app.register(readingsRoutes, { registry: deps.registry, store: deps.store, onAlert: deps.onAlert ?? (() => {}) });
  app.register(summaryRoutes, { registry: deps.registry, store: deps.store });
  app.register(firmwareRoutes, { registry: deps.registry, firmware: deps.firmware });
  return app;
}

export { DeviceRegistry, ReadingStore };
