// Suture's branch names, all under `suture/`: fix branches `suture/<first 8 of fingerprint>-<slug
// of title>` and revert branches `suture/revert-<first 12 of the merge commit>`. The title is
// scrubbed but untrusted error text, so the slug keeps only [a-z0-9-]; that alphabet can never
// form the sequences git rejects in a ref (`..`, `@{`, `.lock`, control characters, a trailing dot).

const PREFIX = "suture/";
const REVERT_PREFIX = `${PREFIX}revert-`;
const REVERT_COMMIT_CHARS = 12;
const FINGERPRINT_CHARS = 8;
const MAX_SLUG_CHARS = 40;
/** Cap on how much of an untrusted title is looked at, so slugging stays linear and cheap. */
const MAX_TITLE_SCAN = 400;

export function fixBranchName(fingerprint: string, title: string): string {
  const short = fingerprint.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, FINGERPRINT_CHARS) || "unknown";
  return `${PREFIX}${short}-${slugify(title)}`;
}

/** The branch whose one commit reverts a merged fix. */
export function revertBranchName(mergeCommit: string): string {
  return `${REVERT_PREFIX}${mergeCommit.toLowerCase().replace(/[^0-9a-f]/g, "").slice(0, REVERT_COMMIT_CHARS)}`;
}

/** Whether a branch is one of Suture's revert branches (a revert pull request's head). */
export function isRevertBranch(branch: string): boolean {
  return branch.startsWith(REVERT_PREFIX);
}

export function slugify(text: string, maxChars = MAX_SLUG_CHARS): string {
  const slug = text
    .slice(0, MAX_TITLE_SCAN)
    .normalize("NFKD")
    // Accents go; letters outside ASCII become separators.
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, maxChars)
    .replace(/-+$/, "");
  return slug || "fix";
}
