import express from "express";
import { createFleet, type Fleet } from "./fleet.ts";
import type { Geocoder } from "./geocode.ts";
import { reportErrors, type Reporter } from "./middleware/report-errors.ts";
import { readingsRouter } from "./routes/readings.ts";
import { trucksRouter } from "./routes/trucks.ts";

export interface AppDeps {
  fleet?: Fleet;
  geocoder: Geocoder;
  report?: Reporter;
  clock?: () => number;
}

export function buildApp({ fleet = createFleet(), geocoder, report = (error) => console.error(error), clock = Date.now }: AppDeps) {
  const app = express();
  app.use(express.json({ limit: "512kb" }));
  app.get("/health", (_req, res) => res.json({ status: "ok" }));
  app.use("/trucks", readingsRouter(fleet));
  app.use("/trucks", trucksRouter(fleet, geocoder, clock));
  app.use(reportErrors(report));
  return app;
}
