import type { FastifyInstance } from "fastify";
import { dewPoint } from "../../lib/psychrometrics.js";
import type { ReadingStore } from "../readings/reading-store.js";
import type { DeviceRegistry } from "./device-registry.js";

interface Options {
  registry: DeviceRegistry;
  store: ReadingStore;
}

export default async function summaryRoutes(app: FastifyInstance, { registry, store }: Options) {
  app.get<{ Params: { deviceId: string } }>("/v1/devices/:deviceId/summary", async (request, reply) => {
    const device = registry.find(request.params.deviceId);
    if (!device) return reply.code(404).send({ message: `unknown device ${request.params.deviceId}` });
    const latest = store.latest(device.id);
    if (!latest) return reply.code(404).send({ message: `no readings yet from ${device.id}` });

    const inRange = latest.temperature >= device.range.min && latest.temperature <= device.range.max;
    return {
      device: device.id,
      site: device.site,
      at: latest.at,
      temperature: `${latest.temperature.toFixed(1)} °C`,
      humidity: `${latest.humidity.toFixed(0)} %`,
      dewPoint: `${dewPoint(latest.temperature, latest.humidity).toFixed(1)} °C`,
      battery: latest.battery === undefined ? null : `${latest.battery} %`,
      status: inRange ? "ok" : "excursion",
    };
  });

  app.get<{ Params: { site: string } }>("/v1/sites/:site/devices", async (request, reply) => {
    const devices = registry.atSite(request.params.site);
    if (devices.length === 0) return reply.code(404).send({ message: `no devices at ${request.params.site}` });
    return {
      site: request.params.site,
      devices: devices.map((device) => ({ id: device.id, model: device.model, lastSeen: store.latest(device.id)?.at ?? null })),
    };
  });
}
