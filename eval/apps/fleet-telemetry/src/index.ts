import { buildApp } from "./app.ts";
import { createFleet, DEMO_TRUCKS } from "./fleet.ts";
import { createGeocoder } from "./geocode.ts";

const app = buildApp({
  fleet: createFleet(DEMO_TRUCKS),
  geocoder: createGeocoder(process.env.GEOCODER_URL ?? "http://geocoder.internal:8080"),
});
const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => console.log(`fleet-telemetry on :${port}`));
