// What the guard reports: one violation per rule a fix breaks, with where and why.

export type GuardRule =
  | "protected-path"
  | "too-many-lines"
  | "too-many-files"
  | "secret-added"
  | "dangerous-code"
  | "auth-disabled"
  | "suppression-comment"
  | "test-edited"
  | "does-not-parse"
  | "deletes-file"
  | "outside-repo";

export interface GuardViolation {
  rule: GuardRule;
  file: string | null;
  line: number | null;
  message: string;
  /** False only for protected-path, which forbids auto-apply but not review. */
  blocking: boolean;
}

export function blockingViolation(rule: GuardRule, file: string | null, line: number | null, message: string): GuardViolation {
  return { rule, file, line, message, blocking: true };
}

/** A path for a message: paths come from generated fixes, so messages stay one line and bounded. */
export function quotePath(path: string): string {
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}
