import { repoPathProblem } from "../../core/repo-path.ts";
import { createBoundedCache } from "./bounded-cache.ts";
import { GithubForgeError, httpStatus, toGithubForgeError } from "./errors.ts";
import type { GithubApi } from "./github-api.ts";
import { isFullCommitId } from "./git-object-id.ts";
import { plausibleRef } from "./ref-names.ts";
import { blobSchema, commitSchema, contentFileSchema, refSchema, treeSchema } from "./schema.ts";

// A repository's git objects through GitHub's REST git data API: commits, trees and files read
// at a commit (cached per instance: a commit and its files never change, refs do and are never
// cached), and blobs, trees, commits and branch refs written.

export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
}
export type FlatTree = Map<string, TreeEntry>;

export interface CommitInfo {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
}

/** A tree entry to write: null deletes the path. */
export interface TreeWrite {
  path: string;
  mode: string;
  sha: string | null;
}

export interface GitData {
  getCommit(sha: string): Promise<CommitInfo | null>;
  resolveRef(ref: string): Promise<string | null>;
  /** The commit id of a ref, or UNKNOWN_REF. */
  requireCommit(ref: string): Promise<string>;
  readFile(path: string, ref: string): Promise<string | null>;
  listFiles(ref: string): Promise<string[]>;
  /** Every entry of a tree, by full path. */
  flatTree(treeSha: string): Promise<FlatTree>;
  treeOfCommit(commit: string): Promise<{ info: CommitInfo; flat: FlatTree }>;
  getBranchHead(branch: string): Promise<string | null>;
  /** Points a branch at a commit: creates it, or moves it (Suture's branches are Suture's). */
  setBranch(branch: string, sha: string, existing: string | null): Promise<void>;
  uploadBlob(path: string, content: string): Promise<void>;
  createTree(baseTree: string, entries: TreeWrite[]): Promise<string>;
  createCommit(message: string, tree: string, parents: string[]): Promise<string>;
}

export interface GitDataOptions {
  /** Commit author; GitHub uses the token's account when absent. */
  author?: { name: string; email: string };
  /** Files cached per instance (by commit and path). Default 500 entries / 32 MB. */
  cache?: { maxEntries?: number; maxChars?: number };
}

const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** More than any fix needs; bounds the work a huge repository can cost one call. */
const MAX_TREE_ENTRIES = 200_000;

export function createGitData(api: GithubApi, options: GitDataOptions = {}): GitData {
  const { octokit, owner, repo, params, call, callOrNull } = api;
  // Per instance, bounded: commits and their files never change, refs do (never cached).
  const files = createBoundedCache<string | null>(
    options.cache?.maxEntries ?? 500,
    options.cache?.maxChars ?? 32 * 1024 * 1024,
    (value) => (value?.length ?? 0) + 64,
  );
  const commits = createBoundedCache<CommitInfo>(1_000, 8 * 1024 * 1024, (c) => c.message.length + 200);
  const trees = createBoundedCache<FlatTree>(16, 16 * MAX_TREE_ENTRIES, (t) => t.size + 1);

  async function getCommit(sha: string): Promise<CommitInfo | null> {
    const cached = commits.get(sha);
    if (cached) return cached;
    const data = await callOrNull(`reading commit ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { ...params, commit_sha: sha })).data,
    );
    if (data === null) return null;
    const parsed = commitSchema.parse(data);
    const info = { sha: parsed.sha, message: parsed.message, tree: parsed.tree.sha, parents: parsed.parents.map((p) => p.sha) };
    commits.set(info.sha, info);
    return info;
  }

  async function resolveRef(ref: string): Promise<string | null> {
    if (!plausibleRef(ref)) return null;
    if (isFullCommitId(ref.toLowerCase())) return (await getCommit(ref.toLowerCase()))?.sha ?? null;
    // The sha media type answers with the commit id alone: no diff, no file list.
    const data = await callOrNull(`resolving ${ref}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...params, ref, mediaType: { format: "sha" } })).data,
    );
    if (data === null) return null;
    const sha = String(data).trim();
    return isFullCommitId(sha) ? sha : null;
  }

  async function requireCommit(ref: string): Promise<string> {
    const commit = await resolveRef(ref);
    if (commit === null) throw new GithubForgeError("UNKNOWN_REF", `${JSON.stringify(ref)} is not a branch, tag or commit of ${owner}/${repo}.`);
    return commit;
  }

  async function readFile(path: string, ref: string): Promise<string | null> {
    checkPath(path);
    // A full commit id names immutable content: no need to ask GitHub what it points at.
    const commit = isFullCommitId(ref.toLowerCase()) ? ref.toLowerCase() : await requireCommit(ref);
    const key = `${commit}\0${path}`;
    const cached = files.get(key);
    if (cached !== undefined) return cached;
    const data = await callOrNull(`reading ${path}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...params, path, ref: commit })).data,
    );
    let content: string | null = null;
    if (data !== null && !Array.isArray(data)) {
      const file = contentFileSchema.parse(data);
      if (file.type === "file") {
        if (file.size > MAX_FILE_BYTES) throw new GithubForgeError("FILE_TOO_LARGE", `${path} is larger than ${MAX_FILE_BYTES} bytes.`);
        // The contents API inlines files up to 1 MB; bigger ones come from the blob API.
        content = file.encoding === "base64" && (file.content ?? "") !== "" ? decodeBase64(file.content!) : file.size === 0 ? "" : await readBlob(file.sha);
      }
    }
    files.set(key, content);
    return content;
  }

  async function readBlob(sha: string): Promise<string> {
    const data = await call(`reading blob ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { ...params, file_sha: sha })).data,
    );
    const blob = blobSchema.parse(data);
    return blob.encoding === "base64" ? decodeBase64(blob.content) : blob.content;
  }

  async function getTree(sha: string, recursive: boolean): Promise<{ entries: Array<{ path: string } & TreeEntry>; truncated: boolean }> {
    const data = await call(`listing tree ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { ...params, tree_sha: sha, ...(recursive ? { recursive: "1" } : {}) })).data,
    );
    const tree = treeSchema.parse(data);
    return { entries: tree.tree.filter((e) => e.sha !== null).map((e) => ({ path: e.path, mode: e.mode, type: e.type, sha: e.sha! })), truncated: tree.truncated };
  }

  /** Walks level by level when GitHub truncates the recursive listing. */
  async function flatTree(treeSha: string): Promise<FlatTree> {
    const cached = trees.get(treeSha);
    if (cached) return cached;
    const flat: FlatTree = new Map();
    const first = await getTree(treeSha, true);
    if (!first.truncated) {
      for (const entry of first.entries) if (entry.type !== "tree") flat.set(entry.path, entry);
    } else {
      const pending: Array<{ prefix: string; sha: string }> = [{ prefix: "", sha: treeSha }];
      while (pending.length > 0) {
        const next = pending.pop()!;
        for (const entry of (await getTree(next.sha, false)).entries) {
          const path = `${next.prefix}${entry.path}`;
          if (entry.type === "tree") pending.push({ prefix: `${path}/`, sha: entry.sha });
          else flat.set(path, entry);
          if (flat.size > MAX_TREE_ENTRIES) throw new GithubForgeError("FILE_TOO_LARGE", `The tree of ${owner}/${repo} has more than ${MAX_TREE_ENTRIES} files.`);
        }
      }
    }
    trees.set(treeSha, flat);
    return flat;
  }

  async function treeOfCommit(commit: string): Promise<{ info: CommitInfo; flat: FlatTree }> {
    const info = await getCommit(commit);
    if (!info) throw new GithubForgeError("UNKNOWN_REF", `Commit ${commit} is not in ${owner}/${repo}.`);
    return { info, flat: await flatTree(info.tree) };
  }

  async function listFiles(ref: string): Promise<string[]> {
    const { flat } = await treeOfCommit(await requireCommit(ref));
    // Blobs and symlinks, as `git ls-tree -r` lists them; submodules (type commit) are not files.
    return [...flat.entries()].filter(([, e]) => e.type === "blob").map(([path]) => path).sort();
  }

  async function getBranchHead(branch: string): Promise<string | null> {
    const data = await callOrNull(`reading branch ${branch}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...params, ref: `heads/${branch}` })).data,
    );
    return data === null ? null : refSchema.parse(data).object.sha;
  }

  async function setBranch(branch: string, sha: string, existing: string | null): Promise<void> {
    if (existing === null) {
      try {
        await octokit.request("POST /repos/{owner}/{repo}/git/refs", { ...params, ref: `refs/heads/${branch}`, sha });
        return;
      } catch (error) {
        // 422: created meanwhile by a concurrent run; fall through to moving it.
        if (httpStatus(error) !== 422) throw toGithubForgeError(error, `creating branch ${branch}`);
      }
    }
    await call(`moving branch ${branch}`, () =>
      octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ...params, ref: `heads/${branch}`, sha, force: true }),
    );
  }

  async function uploadBlob(path: string, content: string): Promise<void> {
    await call(`uploading ${path}`, () => octokit.request("POST /repos/{owner}/{repo}/git/blobs", { ...params, content, encoding: "utf-8" }));
  }

  async function createCommit(message: string, tree: string, parents: string[]): Promise<string> {
    const data = await call("creating the commit", async () =>
      (await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
        ...params,
        message,
        tree,
        parents,
        ...(options.author ? { author: options.author, committer: options.author } : {}),
      })).data,
    );
    return commitSchema.parse(data).sha;
  }

  async function createTree(baseTree: string, entries: TreeWrite[]): Promise<string> {
    const data = await call("creating the tree", async () =>
      (await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
        ...params,
        base_tree: baseTree,
        tree: entries.map((e) => ({ path: e.path, mode: e.mode as "100644", type: "blob" as const, sha: e.sha })),
      })).data,
    );
    return treeSchema.parse(data).sha;
  }

  return { getCommit, resolveRef, requireCommit, readFile, listFiles, flatTree, treeOfCommit, getBranchHead, setBranch, uploadBlob, createTree, createCommit };
}

export function checkPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new GithubForgeError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: ${problem}.`);
  return path;
}

export function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.sha === b.sha && a.mode === b.mode;
}

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
