import { isTestPath } from "../guard/fix-paths.ts";

// The base confidence of a model-written fix, before validation and learned statistics. The
// model's own number is an input, not the answer: it is capped, then discounted where the fix
// disagrees with the evidence Suture has. combineConfidence later applies validation, change
// size and the model's number again (which can only lower the result).
//
//   base = min(model confidence, MODEL_BASE_CAP)
//     × OFF_STACK_FACTOR      when no changed application file is on the error's stack
//     × DIAGNOSIS_MISMATCH    when the diagnosis names a file the fix neither changes nor the stack shows
//     × NO_TEST_FACTOR        when the fix brings no regression test
//     × THIN_EVIDENCE_FACTOR  when the group has fewer than THIN_EVIDENCE_EVENTS events
//
// With the cap at 0.9, a validated model fix reaches at most 1 − 0.1 × 0.65 = 0.935 on a clean
// record: below the 0.95 auto-apply bar, so model fixes go to review until the "model:<id>"
// pattern has earned a record of healed fixes.

export const MODEL_BASE_CAP = 0.9;
export const OFF_STACK_FACTOR = 0.7;
export const DIAGNOSIS_MISMATCH_FACTOR = 0.85;
export const NO_TEST_FACTOR = 0.9;
export const THIN_EVIDENCE_FACTOR = 0.9;
export const THIN_EVIDENCE_EVENTS = 3;

export function modelFixBaseConfidence(input: {
  modelConfidence: number;
  changedFiles: string[];
  stackFiles: string[];
  diagnosisFile: string | null;
  events: number;
}): number {
  const model = Number.isFinite(input.modelConfidence) ? Math.min(1, Math.max(0, input.modelConfidence)) : 0;
  let confidence = Math.min(model, MODEL_BASE_CAP);
  const appFiles = input.changedFiles.filter((path) => !isTestPath(path));
  const stack = new Set(input.stackFiles);
  if (!appFiles.some((path) => stack.has(path))) confidence *= OFF_STACK_FACTOR;
  const diagnosisFile = input.diagnosisFile?.replace(/^\.\//, "") ?? null;
  if (diagnosisFile && !stack.has(diagnosisFile) && !appFiles.includes(diagnosisFile)) confidence *= DIAGNOSIS_MISMATCH_FACTOR;
  if (!input.changedFiles.some(isTestPath)) confidence *= NO_TEST_FACTOR;
  if (input.events < THIN_EVIDENCE_EVENTS) confidence *= THIN_EVIDENCE_FACTOR;
  return Math.round(confidence * 1000) / 1000;
}
