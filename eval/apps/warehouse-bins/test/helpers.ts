import type { AddressInfo } from "node:net";
import { createApp } from "../src/app.ts";
import { createInventory } from "../src/inventory.ts";

export async function warehouse() {
  const inventory = createInventory();
  const errors: Error[] = [];
  const server = createApp({ inventory, onError: (error) => errors.push(error) }).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    inventory,
    errors,
    async send(method: string, path: string, body?: unknown) {
      const res = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
