import type { FastifyInstance } from "fastify";
import type { FirmwareClient } from "../../clients/firmware-client.js";
import type { DeviceRegistry } from "./device-registry.js";

interface Options {
  registry: DeviceRegistry;
  firmware: FirmwareClient;
}

function newer(candidate: string, current: string): boolean {
  const a = candidate.split(".").map(Number);
  const b = current.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

export default async function firmwareRoutes(app: FastifyInstance, { registry, firmware }: Options) {
  app.get<{ Params: { deviceId: string } }>("/v1/devices/:deviceId/firmware", async (request, reply) => {
    const device = registry.find(request.params.deviceId);
    if (!device) return reply.code(404).send({ message: `unknown device ${request.params.deviceId}` });
    const release = await firmware.latest(device.model);
    return { device: device.id, current: device.firmware, latest: release.version, updateAvailable: newer(release.version, device.firmware) };
  });
}
