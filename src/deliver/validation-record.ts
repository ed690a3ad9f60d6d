import { z } from "zod";
import type { ValidationRecord } from "./forge.ts";

// A stored validation (jsonb on a mission, on a local proposal), read back through one schema so a
// malformed value is a clear error instead of a wrong decision.

export const validationRecordSchema: z.ZodType<ValidationRecord> = z.object({
  command: z.string(),
  passed: z.boolean(),
  exitCode: z.number().int().nullable().optional(),
  durationMs: z.number().nonnegative().optional(),
  outputTail: z.string(),
});
