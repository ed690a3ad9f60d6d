import type { Severity } from "../detect/severity.ts";
import type { FixCandidate } from "./fix-candidate.ts";
import { diffLines } from "../core/line-diff.ts";
import type { GuardResult } from "./guard/guard-changes.ts";

// Pure descriptions of a chosen fix: its PR/commit title, its risk, and the lines it touches
// (the monitor blames new errors on those lines).

const STYLE_PHRASES: Record<string, string> = {
  "early-response": "answer early when the record is missing",
  "optional-chaining": "guard a possibly missing value",
  "early-return": "return early when the value is missing",
  "default-value": "default a missing value",
  "import-added": "import the missing binding",
  "import-path": "point the import at the moved module",
  "json-400": "answer 400 to a malformed JSON body",
  "let-binding": "declare the reassigned binding with let",
  "array-guard": "guard a non-array before iterating",
  "array-wrap": "handle a single value as a list of one",
  "code-default": "use the code's own fallback for a missing value",
  "optional-call": "call an optional hook only when it is there",
  "skip-missing": "skip empty entries of a list",
  "initial-value": "start a sum at 0",
};

/** `fix(<area>): <what>`: area is the culprit's folder or file name, what comes from the fix style. */
export function fixTitle(candidate: FixCandidate, culpritFile: string, functionName: string | null): string {
  const parts = culpritFile.split("/");
  const base = (parts[parts.length - 1] ?? "app").replace(/\.[a-z]+$/i, "");
  const area = (base === "index" || base === "route" ? parts[parts.length - 2] : base) ?? "app";
  const what = STYLE_PHRASES[candidate.style] ?? "guard a production error";
  const where = functionName && /^[A-Za-z_$][\w$]{0,40}$/.test(functionName) ? ` in ${functionName}` : "";
  return `fix(${area.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 30) || "app"}): ${what}${where}`;
}

export function assessRisk(guard: GuardResult, severity: Severity | null): "low" | "medium" | "high" {
  if (!guard.autoApplyAllowed || guard.files.length > 2 || guard.changedLines > 15) return "high";
  if (guard.files.length > 1 || guard.changedLines > 6 || severity === "P0" || severity === "P1") return "medium";
  return "low";
}

/** Line numbers (in the new contents) each changed file adds or rewrites. */
export function changedLinesByFile(candidate: FixCandidate): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const change of candidate.changes) {
    if (change.after === null) continue;
    const { added } = diffLines(change.before ?? "", change.after);
    result[change.path] = added.map((entry) => entry.line);
  }
  return result;
}
