import { createHash } from "node:crypto";

export interface Address {
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
}

export interface Shipment {
  id: string;
  shopId: string;
  reference: string;
  origin: { hub: string; country: string };
  /** Shipments imported from the 2024 system carry only a postcode, no address. */
  destination?: Address;
  legacyPostcode?: string;
  weightKg: number;
  handedOverAt: string | null;
  events: Array<{ at: string; status: string; hub?: string }>;
}

export class ShipmentStore {
  private shipments = new Map<string, Shipment>();
  private byIdempotencyKey = new Map<string, string>();
  private sequence = 4_200_000;

  constructor(seed: Shipment[] = []) {
    for (const shipment of seed) this.shipments.set(shipment.id, structuredClone(shipment));
  }

  get(id: string): Shipment | undefined {
    return this.shipments.get(id);
  }

  forShop(shopId: string): Shipment[] {
    return [...this.shipments.values()].filter((s) => s.shopId === shopId);
  }

  /** Retried uploads with the same body return the shipment created the first time. */
  create(rawBody: string, build: (id: string) => Shipment): { shipment: Shipment; created: boolean } {
    const key = createHash("sha256").update(rawBody).digest("hex");
    const existing = this.byIdempotencyKey.get(key);
    if (existing) return { shipment: this.shipments.get(existing)!, created: false };
    const shipment = build(`KF${++this.sequence}`);
    this.shipments.set(shipment.id, shipment);
    this.byIdempotencyKey.set(key, shipment.id);
    return { shipment, created: true };
  }
}

export const SEED: Shipment[] = [
  {
    id: "KF4188190",
    shopId: "shop-kaffeekontor",
    reference: "KK-77812",
    origin: { hub: "HAM-1", country: "DE" },
    destination: { name: "Eva Lind", street: "Mariahilfer Str. 12", postcode: "1070", city: "Wien", country: "AT" },
    weightKg: 2.4,
    handedOverAt: "2026-11-17T09:12:00Z",
    events: [{ at: "2026-11-17T09:12:00Z", status: "handed_over", hub: "HAM-1" }],
  },
  {
    id: "KF4188202",
    shopId: "shop-radhaus",
    reference: "RH-2026-0931",
    origin: { hub: "CGN-2", country: "DE" },
    destination: { name: "Piet de Vries", street: "Prinsengracht 88", postcode: "1015 DX", city: "Amsterdam", country: "NL" },
    weightKg: 14.0,
    handedOverAt: "2026-11-17T15:40:00Z",
    events: [{ at: "2026-11-17T15:40:00Z", status: "handed_over", hub: "CGN-2" }],
  },
  {
    id: "KF3901544",
    shopId: "shop-radhaus",
    reference: "RH-2024-1187",
    origin: { hub: "CGN-2", country: "DE" },
    legacyPostcode: "50667",
    weightKg: 9.5,
    handedOverAt: "2026-11-16T11:05:00Z",
    events: [{ at: "2026-11-16T11:05:00Z", status: "handed_over", hub: "CGN-2" }],
  },
  {
    id: "KF3901617",
    shopId: "shop-kaffeekontor",
    reference: "KK-2024-5521",
    origin: { hub: "HAM-1", country: "DE" },
    legacyPostcode: "20095",
    weightKg: 1.1,
    handedOverAt: "2026-11-17T08:30:00Z",
    events: [{ at: "2026-11-17T08:30:00Z", status: "handed_over", hub: "HAM-1" }],
  },
];
