import type { FastifyInstance } from "fastify";
import { asList } from "../../lib/as-list.js";
import type { DeviceRegistry } from "../devices/device-registry.js";
import type { ReadingStore } from "./reading-store.js";
import { fromWire, isPlausible, type WireReading } from "./wire.js";

interface IngestBody {
  readings: WireReading[];
  /** Alarm codes raised by the sensor itself (door open, probe lost). */
  alerts?: string | string[];
}

interface Options {
  registry: DeviceRegistry;
  store: ReadingStore;
  onAlert: (deviceId: string, code: string) => void;
}

export default async function readingsRoutes(app: FastifyInstance, { registry, store, onAlert }: Options) {
  app.post<{ Params: { deviceId: string }; Body: IngestBody }>("/v1/devices/:deviceId/readings", async (request, reply) => {
    const device = registry.find(request.params.deviceId);
    if (!device) return reply.code(404).send({ message: `unknown device ${request.params.deviceId}` });
    const { readings, alerts } = request.body ?? {};
    if (readings === undefined || readings === null) return reply.code(400).send({ message: "readings is required" });

    const plausible = readings.filter(isPlausible);
    const rows = plausible.map((wire) => fromWire(device.id, wire));
    store.append(rows);

    const excursions = rows.filter((row) => row.temperature < device.range.min || row.temperature > device.range.max);
    for (const code of asList(alerts)) onAlert(device.id, code);
    if (excursions.length > 0) onAlert(device.id, "TEMP_EXCURSION");

    return reply.code(202).send({ accepted: rows.length, rejected: readings.length - rows.length, excursions: excursions.length });
  });

  app.get<{ Params: { deviceId: string }; Querystring: { since?: string } }>("/v1/devices/:deviceId/readings", async (request, reply) => {
    const device = registry.find(request.params.deviceId);
    if (!device) return reply.code(404).send({ message: `unknown device ${request.params.deviceId}` });
    const since = request.query.since ?? new Date(0).toISOString();
    return { device: device.id, readings: store.since(device.id, since) };
  });
}
