import { GithubForgeError } from "./errors.ts";

// Branch names and refs from callers, checked before they reach a URL: git check-ref-format's
// rules, without a git binary.

/** A valid branch name, or INVALID_BRANCH_NAME. */
export function checkBranchName(branch: string): string {
  const valid =
    plausibleRef(branch) &&
    !branch.startsWith("refs/") &&
    !branch.startsWith("/") &&
    !branch.endsWith("/") &&
    !branch.endsWith(".") &&
    !branch.includes("..") &&
    !branch.includes("//") &&
    !branch.includes("@{") &&
    branch !== "@" &&
    !/[~^:?*[\\\x7f]/.test(branch) &&
    branch.split("/").every((part) => !part.startsWith(".") && !part.endsWith(".lock"));
  if (!valid) throw new GithubForgeError("INVALID_BRANCH_NAME", `${JSON.stringify(branch)} is not a valid branch name; build it with fixBranchName.`);
  return branch;
}

/** Refs from callers never start with "-" or carry whitespace or control characters. */
export function plausibleRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= 1_024 && !ref.startsWith("-") && !/[\s\p{Cc}]/u.test(ref);
}

export function withFinalNewline(message: string): string {
  return message.endsWith("\n") ? message : `${message}\n`;
}
