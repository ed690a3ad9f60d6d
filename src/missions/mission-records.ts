import { z } from "zod";
import type { ValidationRecord } from "../deliver/forge.ts";
import { validationRecordSchema } from "../deliver/validation-record.ts";
import type { ErrorClass } from "../diagnose/classify.ts";
import type { Diagnosis } from "../diagnose/diagnose-incident.ts";
import type { GuardResult } from "../fix/guard/guard-changes.ts";
import type { GuardRule } from "../fix/guard/violation.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";

// The shapes a mission keeps in its jsonb columns (diagnosis, fix, validation) between steps, and
// their schemas. A stored value is read back through them like any outside data: a malformed one
// fails the step with MissionRecordError, which the cycle records on the mission and in the audit
// trail, instead of a wrong decision or a crash further on.

/** What an earlier attempt tried and why it failed: fed to the next attempt (the model's prompt). */
export type FailedAttempt = { summary: string; failure: string };

/**
 * The stored diagnosis: the pure diagnosis (a known class, or an unclassified error a model may
 * try), the commit its source was read at, and the attempts that failed so far.
 */
export type StoredDiagnosis = Extract<Diagnosis, { kind: "code-bug" | "unclassified" }> & {
  sourceCommit: string;
  sourceRef: string;
  failedAttempts?: FailedAttempt[];
};

export type StoredFix = {
  title: string;
  summary: string;
  rootCause: string;
  style: string;
  baseConfidence: number;
  files: string[];
  changedLines: Record<string, number[]>;
  guard: GuardResult;
  base: string;
  baseCommit: string;
  /** Unified-looking before/after per file, kept for the record and for `replay` output. */
  changes: Array<{ path: string; before: string | null; after: string | null }>;
  /** The model's own confidence when a model wrote the fix; it can only lower ours. */
  modelConfidence?: number | null;
};

const failedAttemptSchema = z.object({ summary: z.string(), failure: z.string() });
const culpritSchema = z.object({ file: z.string().min(1), line: z.number().int(), column: z.number().int().nullable(), function: z.string().nullable() });
const evidenceSchema = z.object({
  events: z.number(),
  users: z.number(),
  routes: z.array(z.object({ route: z.string(), events: z.number() })),
  firstSeen: z.string(),
  lastSeen: z.string(),
  release: z.string().nullable(),
  sampleEventIds: z.array(z.string()),
});
// The class names are the pattern library's business; here a class is a non-empty name.
const errorClassSchema = z.custom<ErrorClass>((value) => typeof value === "string" && value.length > 0, "an error class name");
const guardRuleSchema = z.custom<GuardRule>((value) => typeof value === "string" && value.length > 0, "a guard rule name");
const sourced = {
  culprit: culpritSchema,
  cause: z.string(),
  message: z.string(),
  release: z.string().nullable(),
  evidence: evidenceSchema,
  sourceCommit: z.string().min(1),
  sourceRef: z.string().min(1),
  failedAttempts: z.array(failedAttemptSchema).optional(),
};

export const storedDiagnosisSchema: z.ZodType<StoredDiagnosis> = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("code-bug"),
    errorClass: errorClassSchema,
    classification: z.object({
      kind: z.literal("code-bug"),
      errorClass: errorClassSchema,
      subject: z.string().nullable(),
      nullish: z.enum(["undefined", "null"]).nullable(),
      detail: z.string(),
    }),
    ...sourced,
  }),
  z.object({ kind: z.literal("unclassified"), classification: z.object({ kind: z.literal("unknown"), reason: z.string() }), ...sourced }),
]);

export const storedFixSchema: z.ZodType<StoredFix> = z.object({
  title: z.string(),
  summary: z.string(),
  rootCause: z.string(),
  style: z.string(),
  baseConfidence: z.number().min(0).max(1),
  files: z.array(z.string()),
  changedLines: z.record(z.string(), z.array(z.number().int())),
  guard: z.object({
    passed: z.boolean(),
    autoApplyAllowed: z.boolean(),
    violations: z.array(z.object({ rule: guardRuleSchema, file: z.string().nullable(), line: z.number().int().nullable(), message: z.string(), blocking: z.boolean() })),
    changedLines: z.number().int().nonnegative(),
    files: z.array(z.string()),
  }),
  base: z.string().min(1),
  baseCommit: z.string().min(1),
  changes: z.array(z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  modelConfidence: z.number().min(0).max(1).nullable().optional(),
});

/** A mission's stored record that its schema refuses. */
export class MissionRecordError extends Error {
  readonly code = "MALFORMED_MISSION_RECORD";
  constructor(missionId: string, column: string, detail: string) {
    super(`mission ${missionId}: its stored ${column} is malformed (${detail}); a person should look at healing.auto_fixes.${column}`);
    this.name = "MissionRecordError";
  }
}

export function storedDiagnosis(mission: MissionRow): StoredDiagnosis {
  return parseColumn(mission, "diagnosis", storedDiagnosisSchema);
}

export function storedFix(mission: MissionRow): StoredFix {
  return parseColumn(mission, "fix", storedFixSchema);
}

export function storedValidation(mission: MissionRow): ValidationRecord | null {
  return mission.validation === null ? null : parseColumn(mission, "validation", validationRecordSchema);
}

function parseColumn<T>(mission: MissionRow, column: "diagnosis" | "fix" | "validation", schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(mission[column]);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new MissionRecordError(mission.id, column, `${issue.path.join(".") || column}: ${issue.message}`);
}
