// Whether a finished mission counts for or against the pattern that produced its fix. Pure.

export function isPatternSuccess(state: string): boolean | null {
  if (state === "healed") return true;
  if (state === "not_healed" || state === "regressed" || state === "rolled_back" || state === "rejected" || state === "needs_human") return false;
  return null;
}
