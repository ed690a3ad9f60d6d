import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/app.js";
import { FirmwareClient } from "../src/clients/firmware-client.js";
import { DeviceRegistry, FLEET, ReadingStore } from "../src/modules/index.js";

export function testApp(firmwareUrl = "http://127.0.0.1:9") {
  const alerts: Array<{ deviceId: string; code: string }> = [];
  const captured: Error[] = [];
  const app = buildApp({
    registry: new DeviceRegistry(FLEET),
    store: new ReadingStore(),
    firmware: new FirmwareClient(firmwareUrl),
    reporter: { capture: (error) => captured.push(error) },
    onAlert: (deviceId, code) => alerts.push({ deviceId, code }),
  });
  return { app, alerts, captured };
}

export async function firmwareRegistry(versions: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const model = decodeURIComponent(req.url?.split("/")[2] ?? "");
    const version = versions[model];
    res.writeHead(version ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(version ? { version, publishedAt: "2026-10-01T00:00:00Z" } : { error: "unknown model" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export const T0 = 1_795_000_000;
