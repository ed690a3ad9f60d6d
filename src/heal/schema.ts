import { z } from "zod";
import { CYCLE_NAMES } from "../cycles/cycle.ts";

// The body of a heal call: `{"cycle": "<name>"}`, optionally with a smaller time budget.
// Permissive about extra keys (a scheduler may add its own), strict about the ones we read.

export const healRequestSchema = z.object({
  cycle: z.enum(CYCLE_NAMES, { error: () => `cycle must be one of ${CYCLE_NAMES.join(", ")}` }),
  /** Milliseconds the run may take; capped by the function's own budget. */
  budget_ms: z.number().int().positive().optional(),
});

export type HealRequest = z.infer<typeof healRequestSchema>;
