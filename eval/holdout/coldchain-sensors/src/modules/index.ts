export { default as firmwareRoutes } from "./devices/firmware.routes.js";
export { default as summaryRoutes } from "./devices/summary.routes.js";
export { default as readingsRoutes } from "./readings/readings.routes.js";
export { DeviceRegistry, FLEET, type Device } from "./devices/device-registry.js";
export { ReadingStore, type Reading } from "./readings/reading-store.js";
