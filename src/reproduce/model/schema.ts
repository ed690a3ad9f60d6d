import { z } from "zod";
import { parseToolInput } from "../../llm/tool-input.ts";

// The one tool the model must call to propose a reproduction test. The wire schema (strict)
// becomes the tool's JSON Schema; the parse schema reads the answer permissively, and the
// caller then checks it strictly (path, size, parse, forbidden code) before anything runs.

export const REPRODUCTION_TOOL_NAME = "propose_reproduction_test";

export const REPRODUCTION_TOOL_DESCRIPTION =
  "Propose one new test file that reproduces the production error on the current code, or decline with a reason. Call this exactly once.";

/** Larger answers are malformed, not truncated. */
export const MAX_TEST_CHARS = 30_000;

function build(permissive: boolean) {
  const nullable = <T extends z.ZodType>(schema: T) => (permissive ? schema.nullish() : schema.nullable());
  return z.object({
    test: nullable(
      z.object({
        path: z.string().min(1).max(300).describe("Repo-relative path of the NEW test file, in the test folder and naming the instructions give."),
        content: z.string().min(1).max(MAX_TEST_CHARS).describe("The whole test file."),
      }),
    ).describe("Null when no test can reproduce the error from what is shown."),
    reason: z.string().min(1).max(2_000).describe("How the test reaches the failing code, or why no test can."),
  });
}

const wireSchema = build(false);
export const reproductionProposalSchema = build(true);
export type ReproductionAnswer = z.infer<typeof reproductionProposalSchema>;

export function reproductionToolInputSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(wireSchema) as Record<string, unknown>;
  return schema;
}

export type ParsedReproduction = { ok: true; answer: ReproductionAnswer } | { ok: false; reason: string };

export function parseReproductionAnswer(input: unknown): ParsedReproduction {
  const parsed = parseToolInput(reproductionProposalSchema, input);
  return parsed.ok ? { ok: true, answer: parsed.value } : parsed;
}
