import { Router } from "express";
import type { Fleet, Truck } from "../fleet.ts";
import type { Geocoder } from "../geocode.ts";
import { asyncRoute } from "../middleware/report-errors.ts";

const STALE_AFTER_MS = 15 * 60_000;

function summary(truck: Truck, now: number) {
  return {
    id: truck.id,
    plate: truck.plate,
    depot: truck.depot,
    lastSeen: new Date(truck.lastSeenAt as number).toISOString(),
    stale: now - (truck.lastSeenAt ?? 0) > STALE_AFTER_MS,
  };
}

export function trucksRouter(fleet: Fleet, geocoder: Geocoder, clock: () => number): Router {
  const router = Router();

  router.get("/", (req, res) => {
    const depot = typeof req.query.depot === "string" ? req.query.depot : undefined;
    const now = clock();
    res.json({ trucks: fleet.list(depot).map((truck) => summary(truck, now)) });
  });

  router.post("/", (req, res) => {
    const { id, plate, depot, model } = req.body ?? {};
    if (![id, plate, depot, model].every((value) => typeof value === "string" && value.length > 0)) {
      return res.status(400).json({ error: "invalid_truck", fields: ["id", "plate", "depot", "model"] });
    }
    if (fleet.get(id)) return res.status(409).json({ error: "truck_exists" });
    res.status(201).json({ truck: fleet.register({ id, plate, depot, model }) });
  });

  router.get("/:truckId", (req, res) => {
    const truck = fleet.get(req.params.truckId);
    if (!truck) return res.status(404).json({ error: "truck_not_found" });
    res.json({
      truck: { ...truck, lastSeen: truck.lastSeenAt ? new Date(truck.lastSeenAt).toISOString() : null },
      recent: fleet.readings(truck.id, 5),
    });
  });

  router.get(
    "/:truckId/location",
    asyncRoute(async (req, res) => {
      const truck = fleet.get(req.params.truckId);
      if (!truck) return res.status(404).json({ error: "truck_not_found" });
      const last = fleet.readings(truck.id, 1)[0];
      if (!last) return res.status(404).json({ error: "no_position_yet" });
      const place = await geocoder.reverse(last.lat, last.lon);
      res.json({ truckId: truck.id, lat: last.lat, lon: last.lon, place });
    }),
  );

  return router;
}
