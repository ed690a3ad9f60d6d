import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { estimateDelivery, findLane } from "../lanes/lanes.ts";
import type { Address, ShipmentStore } from "./store.ts";

type Env = { Variables: { shopId: string } };

interface NewShipment {
  reference: string;
  weightKg: number;
  originHub: string;
  destination: Address;
}

const HUB_COUNTRY: Record<string, string> = { "HAM-1": "DE", "CGN-2": "DE", "MUC-1": "DE", "RTM-1": "NL" };

function validate(input: Partial<NewShipment>): NewShipment {
  const problems: string[] = [];
  if (typeof input.reference !== "string" || !input.reference) problems.push("reference");
  if (typeof input.weightKg !== "number" || input.weightKg <= 0 || input.weightKg > 31.5) problems.push("weightKg");
  if (!input.originHub || !HUB_COUNTRY[input.originHub]) problems.push("originHub");
  const d = input.destination;
  if (!d || ![d.name, d.street, d.postcode, d.city, d.country].every((v) => typeof v === "string" && v)) problems.push("destination");
  if (problems.length) throw new HTTPException(422, { message: `invalid fields: ${problems.join(", ")}` });
  return input as NewShipment;
}

export function shipmentRoutes(store: ShipmentStore, clock: () => Date) {
  const routes = new Hono<Env>();

  // Shops upload shipments from their ERP; we hash the raw body so a retried upload is not
  // booked twice.
  routes.post("/", async (c) => {
    const raw = await c.req.text();
    const input = validate(JSON.parse(raw));
    const { shipment, created } = store.create(raw, (id) => ({
      id,
      shopId: c.get("shopId"),
      reference: input.reference,
      origin: { hub: input.originHub, country: HUB_COUNTRY[input.originHub] },
      destination: input.destination,
      weightKg: input.weightKg,
      handedOverAt: null,
      events: [{ at: clock().toISOString(), status: "registered" }],
    }));
    return c.json({ id: shipment.id, status: shipment.events.at(-1)!.status }, created ? 201 : 200);
  });

  routes.get("/", (c) => {
    const shipments = store.forShop(c.get("shopId")).map((s) => ({ id: s.id, reference: s.reference, status: s.events.at(-1)!.status }));
    return c.json({ shipments });
  });

  routes.get("/:id", (c) => {
    const shipment = store.get(c.req.param("id"));
    if (!shipment || shipment.shopId !== c.get("shopId")) throw new HTTPException(404, { message: "shipment not found" });
    return c.json(shipment);
  });

  routes.get("/:id/eta", (c) => {
    const shipment = store.get(c.req.param("id"));
    if (!shipment || shipment.shopId !== c.get("shopId")) throw new HTTPException(404, { message: "shipment not found" });
    if (!shipment.handedOverAt) return c.json({ id: shipment.id, eta: null, reason: "not handed over yet" });
    const { city, country } = shipment.destination;
    const lane = findLane(shipment.origin.country, country);
    if (!lane) throw new HTTPException(422, { message: `no lane from ${shipment.origin.country} to ${country}` });
    const eta = estimateDelivery(lane, new Date(shipment.handedOverAt));
    return c.json({ id: shipment.id, destination: city, eta: eta.toISOString() });
  });

  return routes;
}
