import { buildApp } from "./app.js";
import { FirmwareClient } from "./clients/firmware-client.js";
import { DeviceRegistry, FLEET, ReadingStore } from "./modules/index.js";

const app = buildApp({
  registry: new DeviceRegistry(FLEET),
  store: new ReadingStore(),
  firmware: new FirmwareClient(process.env.FIRMWARE_REGISTRY_URL ?? "http://firmware-registry.internal"),
  reporter: { capture: (error, context) => console.error(context, error) },
  onAlert: (deviceId, code) => console.warn(`alert ${code} from ${deviceId}`),
});

await app.listen({ port: Number(process.env.PORT ?? 8080), host: "0.0.0.0" });
