import { Router } from "express";
import type { Fleet, Reading } from "../fleet.ts";

interface ReadingInput {
  ts: string;
  lat: number;
  lon: number;
  speed: number;
  fuel: number;
}

function toReading(truckId: string, input: ReadingInput): Reading {
  return {
    truckId,
    recordedAt: Date.parse(input.ts),
    lat: Number(input.lat),
    lon: Number(input.lon),
    speedKmh: Number(input.speed),
    fuelPct: Number(input.fuel),
  };
}

// GPS glitches report positions in the Atlantic or speeds no truck reaches; they are dropped.
function isPlausible(reading: Reading): boolean {
  return (
    Number.isFinite(reading.recordedAt) &&
    Math.abs(reading.lat) <= 90 &&
    Math.abs(reading.lon) <= 180 &&
    !(reading.lat === 0 && reading.lon === 0) &&
    reading.speedKmh >= 0 &&
    reading.speedKmh < 160
  );
}

export function readingsRouter(fleet: Fleet): Router {
  const router = Router();

  // Trucks upload their buffered readings every 30 seconds.
  router.post("/:truckId/readings", (req, res) => {
    const truck = fleet.get(req.params.truckId);
    if (!truck) return res.status(404).json({ error: "truck_not_found" });
    const readings: ReadingInput[] = req.body.readings;
    const accepted = readings.map((input) => toReading(truck.id, input)).filter(isPlausible);
    fleet.addReadings(truck.id, accepted);
    res.status(202).json({ accepted: accepted.length, rejected: readings.length - accepted.length });
  });

  router.get("/:truckId/readings", (req, res) => {
    const truck = fleet.get(req.params.truckId);
    if (!truck) return res.status(404).json({ error: "truck_not_found" });
    const limit = Math.min(Number(req.query.limit) || 50, 500);
    res.json({ readings: fleet.readings(truck.id, limit) });
  });

  return router;
}
