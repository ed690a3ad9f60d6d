import { createDailyHandler } from "./handlers/daily.ts";
import { createHourlyHandler } from "./handlers/hourly.ts";
import { SITES } from "./sites.ts";
import { createEventStore, createRollupStore } from "./store/memory.ts";

// Lambda entry points. In the deployed functions the stores are the DynamoDB-backed ones.
const events = createEventStore();
const rollups = createRollupStore();

export const hourly = createHourlyHandler({ sites: SITES, events, rollups });
export const daily = createDailyHandler({ sites: SITES, events, rollups });
