import { z } from "zod";

// The one tool the model must call: a diagnosis and, when it can, a fix as search/replace edits.
// Two variants of one shape: the wire schema (every field required, enums strict) becomes the
// tool's JSON Schema so the model is asked for exactly this; the parse schema reads the answer
// permissively (omitted nullable fields, an unknown category) and the caller then acts strictly.

export const MODEL_FIX_TOOL_NAME = "report_diagnosis_and_fix";

export const MODEL_FIX_TOOL_DESCRIPTION =
  "Report the root cause of the production error and, when a small safe code change fixes it, the exact search/replace edits (and optionally one new regression test file). Call this exactly once.";

export const DIAGNOSIS_CATEGORIES = [
  "null-or-undefined",
  "type-mismatch",
  "logic-error",
  "input-validation",
  "missing-import-or-export",
  "async-or-promise",
  "boundary-or-range",
  "configuration",
  "dependency",
  "data-or-state",
  "infrastructure",
  "other",
] as const;

export type DiagnosisCategory = (typeof DIAGNOSIS_CATEGORIES)[number];

/** Caps on what the model may send: larger answers are malformed, not truncated. */
export const MAX_EDITS = 8;
const MAX_TEXT = 20_000;

function build(permissive: boolean) {
  const nullable = <T extends z.ZodType>(schema: T) => (permissive ? schema.nullish() : schema.nullable());
  const category = permissive ? z.enum(DIAGNOSIS_CATEGORIES).catch("other") : z.enum(DIAGNOSIS_CATEGORIES);
  const edit = z.object({
    file: z.string().min(1).max(500).describe("Repo-relative POSIX path of an existing file shown in the context."),
    search: z
      .string()
      .min(1)
      .max(MAX_TEXT)
      .describe("Exact text copied from the file (without the line-number gutter); must occur exactly once in the file."),
    replace: z.string().max(MAX_TEXT).describe("Text that replaces the search text."),
  });
  const regressionTest = z.object({
    path: z.string().min(1).max(500).describe("Path of a NEW test file (for example tests/<name>.test.ts) following the repository's test conventions."),
    content: z.string().min(1).max(MAX_TEXT).describe("Whole contents of the new test file: fails before the fix, passes after it."),
  });
  return z.object({
    diagnosis: z.object({
      root_cause: z.string().min(1).max(2_000).describe("One or two sentences a reviewer can check, naming file:line and the value involved."),
      file: nullable(z.string().max(500)).describe("File of the root cause, repo-relative."),
      line: nullable(z.number().int().min(1)).describe("Line of the root cause in that file."),
      category,
      confidence: z.number().min(0).max(1).describe("Probability that the fix resolves the root cause without changing other behaviour."),
      fixable: z.boolean().describe("False when no small, safe code change in the shown files fixes it."),
      needs_human_reason: nullable(z.string().max(1_000)).describe("Why a person must decide, when fixable is false."),
    }),
    fix: nullable(
      z.object({
        edits: z.array(edit).min(1).max(MAX_EDITS),
        explanation: z.string().min(1).max(2_000).describe("One sentence for a reviewer: what the change does and why it is minimal."),
        regression_test: nullable(regressionTest),
      }),
    ).describe("Null when fixable is false."),
  });
}

const wireSchema = build(false);
export const modelProposalSchema = build(true);

export type ModelProposal = z.infer<typeof modelProposalSchema>;

/** The tool's input JSON Schema, generated from zod. */
export function modelFixToolInputSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(wireSchema) as Record<string, unknown>;
  return schema;
}

export type ParsedProposal = { ok: true; proposal: ModelProposal } | { ok: false; reason: string };

/** Parse a tool input (an object, or a JSON string some proxies return) into a proposal. */
export function parseModelProposal(input: unknown): ParsedProposal {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, reason: "the answer was not valid JSON" };
    }
  }
  const result = modelProposalSchema.safeParse(value);
  if (result.success) return { ok: true, proposal: result.data };
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(input)"}: ${issue.message}`)
    .join("; ");
  return { ok: false, reason: `the answer did not match the tool schema (${issues.slice(0, 500)})` };
}
