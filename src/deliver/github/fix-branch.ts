import type { FileChange } from "../../fix/file-change.ts";
import type { BranchRequest, BranchResult } from "../forge.ts";
import { GithubForgeError } from "./errors.ts";
import { gitBlobId } from "./git-object-id.ts";
import { checkPath, type FlatTree, type GitData } from "./git-data.ts";
import { checkBranchName, withFinalNewline } from "./ref-names.ts";

// A fix branch on GitHub: exactly ONE commit on base (blobs → tree → commit → ref). Running it
// again with the same change writes nothing; with another change, the branch gets a new commit
// on the same base.

interface PlannedEntry {
  path: string;
  mode: string;
  /** null deletes the path. */
  sha: string | null;
  content: string | null;
}

export async function ensureFixBranch(data: GitData, request: BranchRequest): Promise<BranchResult> {
  const branch = checkBranchName(request.branch);
  const changes = checkChanges(request.changes);
  const baseCommit = await data.requireCommit(request.base);
  const base = await data.treeOfCommit(baseCommit);
  const entries = plannedEntries(base.flat, changes, baseCommit);
  if (entries.length === 0) throw new GithubForgeError("EMPTY_CHANGE", "Every change leaves its file as it is; there is nothing to commit.");
  const message = withFinalNewline(request.message);

  const existing = await data.getBranchHead(branch);
  if (existing !== null && (await branchMatches(data, existing, baseCommit, base.flat, entries, message))) {
    return { branch, commit: existing };
  }
  for (const entry of entries) {
    if (entry.content !== null) await data.uploadBlob(entry.path, entry.content);
  }
  const tree = await data.createTree(base.info.tree, entries);
  const commit = await data.createCommit(message, tree, [baseCommit]);
  await data.setBranch(branch, commit, existing);
  return { branch, commit };
}

/** Whether an existing fix branch already is exactly one commit with these changes on base. */
async function branchMatches(data: GitData, existing: string, baseCommit: string, baseFlat: FlatTree, entries: PlannedEntry[], message: string): Promise<boolean> {
  const head = await data.getCommit(existing);
  if (!head || head.parents.length !== 1 || head.parents[0] !== baseCommit) return false;
  if (head.message.trimEnd() !== message.trimEnd()) return false;
  const expected = new Map(baseFlat);
  for (const entry of entries) {
    if (entry.sha === null) expected.delete(entry.path);
    else expected.set(entry.path, { mode: entry.mode, type: "blob", sha: entry.sha });
  }
  const actual = await data.flatTree(head.tree);
  if (actual.size !== expected.size) return false;
  for (const [path, entry] of expected) {
    const other = actual.get(path);
    if (!other || other.sha !== entry.sha || other.mode !== entry.mode) return false;
  }
  return true;
}

/** Tree entries for the changes, after checking each `before` against base (by blob id). */
function plannedEntries(base: FlatTree, changes: FileChange[], baseCommit: string): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  for (const change of changes) {
    const current = base.get(change.path);
    const expected = change.before === null ? undefined : gitBlobId(change.before);
    if (current?.sha !== expected) {
      const state = current === undefined ? "does not exist" : change.before === null ? "already exists" : "has different contents";
      throw new GithubForgeError("STALE_BASE", `${change.path} ${state} at ${baseCommit.slice(0, 12)}; regenerate the fix against the current base.`);
    }
    if (change.before === change.after) continue;
    if (change.after === null) {
      entries.push({ path: change.path, mode: current!.mode, sha: null, content: null });
      continue;
    }
    entries.push({ path: change.path, mode: current?.mode ?? "100644", sha: gitBlobId(change.after), content: change.after });
  }
  return entries;
}

function checkChanges(changes: FileChange[]): FileChange[] {
  const seen = new Set<string>();
  for (const change of changes) {
    checkPath(change.path);
    if (seen.has(change.path)) throw new GithubForgeError("INVALID_PATH", `${change.path} is listed twice; merge its changes into one.`);
    seen.add(change.path);
  }
  return changes;
}
