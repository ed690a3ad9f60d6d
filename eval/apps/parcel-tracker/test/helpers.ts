import { buildApp } from "../src/app.ts";
import { SEED, ShipmentStore } from "../src/shipments/store.ts";

export const KEYS = { "key-radhaus": "shop-radhaus", "key-kontor": "shop-kaffeekontor" };

export function testApp() {
  const captured: unknown[] = [];
  const store = new ShipmentStore(SEED);
  const app = buildApp({ store, keys: KEYS, clock: () => new Date("2026-11-17T12:00:00Z"), captureException: (error) => captured.push(error) });
  return {
    store,
    captured,
    call(path: string, init: RequestInit = {}, key = "key-radhaus") {
      return app.request(path, { ...init, headers: { "x-api-key": key, ...(init.headers ?? {}) } });
    },
  };
}

export const NEW_SHIPMENT = {
  reference: "RH-2026-1040",
  weightKg: 6.2,
  originHub: "CGN-2",
  destination: { name: "Jakub Nowak", street: "ul. Długa 5", postcode: "80-827", city: "Gdańsk", country: "PL" },
};
