import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

// A stateful stand-in for api.github.com, close enough to GitHub's wire protocol that the real
// octokit (with its retry and throttling plugins) works against it through `baseUrl`: the git data
// API (refs, blobs, trees, commits), contents, pulls with squash merge, reviews, labels, requested
// reviewers, check runs and commit statuses, branch protection that refuses a merge while required
// checks are pending or failing, GraphQL's enablePullRequestAutoMerge, and fault injection (rate
// limits and 502s) per route. Shapes follow docs.github.com's REST reference.

export interface GithubApiServer {
  url: string;
  token: string;
  /** Every request that reached the server (faults included), in order. */
  requests: Array<{ method: string; path: string }>;
  createRepo(owner: string, repo: string, files: Record<string, string>, options?: { defaultBranch?: string }): string;
  /** Pushes a commit with these changes (null deletes) onto a branch, as a person would. */
  pushCommit(owner: string, repo: string, branch: string, changes: Record<string, string | null>, message: string): string;
  branchHead(owner: string, repo: string, branch: string): string | null;
  fileAt(owner: string, repo: string, ref: string, path: string): string | null;
  commit(owner: string, repo: string, sha: string): StoredCommit;
  pulls(owner: string, repo: string): PullRecord[];
  addCheckRun(owner: string, repo: string, sha: string, run: { name: string; status: "queued" | "in_progress" | "completed"; conclusion?: string; title?: string; summary?: string }): void;
  setStatus(owner: string, repo: string, sha: string, status: { context: string; state: "pending" | "success" | "failure" | "error"; description?: string }): void;
  addReview(owner: string, repo: string, pull: number, review: { user: string; state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" }): void;
  protectBranch(owner: string, repo: string, branch: string, rules: { requiredChecks?: string[]; requiredApprovals?: number }): void;
  setAutoMergeAllowed(owner: string, repo: string, allowed: boolean): void;
  /** The next `count` requests matching method and path answer with `status` (default 502). */
  failNext(method: string, path: RegExp, count: number, status?: number): void;
  /** The next `count` matching requests hit a rate limit: primary (403 + reset) or secondary (429 + retry-after). */
  rateLimitNext(method: string, path: RegExp, kind: "primary" | "secondary", count?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface StoredCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

export interface PullRecord {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Head commit when it was merged or closed (the branch may move or vanish later). */
  frozen_head: string | null;
  labels: string[];
  requested_reviewers: string[];
  auto_merge: boolean;
  created_at: string;
  updated_at: string;
}

interface TreeEntry {
  name: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

interface FlatEntry {
  mode: string;
  type: "blob" | "commit";
  sha: string;
}

interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  started_at: string;
  completed_at: string | null;
}

interface Review {
  id: number;
  user: string;
  state: string;
  commit_id: string;
  submitted_at: string;
}

interface Repo {
  owner: string;
  name: string;
  defaultBranch: string;
  blobs: Map<string, Buffer>;
  trees: Map<string, TreeEntry[]>;
  commits: Map<string, StoredCommit>;
  refs: Map<string, string>;
  pulls: PullRecord[];
  reviews: Map<number, Review[]>;
  checkRuns: CheckRun[];
  statuses: Array<{ sha: string; context: string; state: string; description: string | null; id: number; created_at: string }>;
  protection: Map<string, { requiredChecks: string[]; requiredApprovals: number }>;
  autoMergeAllowed: boolean;
}

interface Fault {
  method: string;
  path: RegExp;
  remaining: number;
  answer: (res: ServerResponse) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

const BOT = "suture-bot";

export async function startGithubApiServer(options: { token?: string } = {}): Promise<GithubApiServer> {
  const token = options.token ?? "ghp_testtoken";
  const repos = new Map<string, Repo>();
  const requests: GithubApiServer["requests"] = [];
  const faults: Fault[] = [];
  let counter = 0;
  let url = "";

  function now(): string {
    return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function repoOf(owner: string, name: string): Repo {
    const repo = repos.get(`${owner}/${name}`.toLowerCase());
    if (!repo) throw new HttpError(404, "Not Found");
    return repo;
  }

  function storeBlob(repo: Repo, content: Buffer): string {
    const sha = createHash("sha1").update(`blob ${content.byteLength}\0`).update(content).digest("hex");
    repo.blobs.set(sha, content);
    return sha;
  }

  function storeTree(repo: Repo, entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const sha = createHash("sha1").update(`tree ${JSON.stringify(sorted)}`).digest("hex");
    repo.trees.set(sha, sorted);
    return sha;
  }

  function storeCommit(repo: Repo, tree: string, parents: string[], message: string, author?: { name: string; email: string }): string {
    const record = { tree, parents, message, author: { name: author?.name ?? BOT, email: author?.email ?? "bot@example.test", date: now() } };
    // The counter keeps two commits made in the same second distinct, as a real timestamp would.
    const sha = createHash("sha1").update(`commit ${JSON.stringify(record)} ${counter++}`).digest("hex");
    repo.commits.set(sha, { sha, ...record });
    return sha;
  }

  function flatten(repo: Repo, treeSha: string, prefix = "", out = new Map<string, FlatEntry>()): Map<string, FlatEntry> {
    const entries = repo.trees.get(treeSha);
    if (!entries) throw new HttpError(404, "Not Found");
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      if (entry.type === "tree") flatten(repo, entry.sha, `${path}/`, out);
      else out.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
    }
    return out;
  }

  function buildTree(repo: Repo, flat: Map<string, FlatEntry>): string {
    const direct: TreeEntry[] = [];
    const nested = new Map<string, Map<string, FlatEntry>>();
    for (const [path, entry] of flat) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        direct.push({ name: path, ...entry });
        continue;
      }
      const dir = path.slice(0, slash);
      if (!nested.has(dir)) nested.set(dir, new Map());
      nested.get(dir)!.set(path.slice(slash + 1), entry);
    }
    for (const [dir, children] of nested) direct.push({ name: dir, mode: "040000", type: "tree", sha: buildTree(repo, children) });
    return storeTree(repo, direct);
  }

  function commitOf(repo: Repo, sha: string): StoredCommit {
    const commit = repo.commits.get(sha);
    if (!commit) throw new HttpError(404, "Not Found");
    return commit;
  }

  /** A branch, tag-less repo: a ref is a branch name, `heads/<name>`, or a (possibly short) commit id. */
  function resolve(repo: Repo, ref: string): string | null {
    const name = ref.replace(/^refs\//, "").replace(/^heads\//, "");
    const branch = repo.refs.get(`refs/heads/${name}`);
    if (branch) return branch;
    if (/^[0-9a-f]{4,40}$/.test(ref)) {
      const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return matches[0]!;
    }
    return null;
  }

  function ancestors(repo: Repo, sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(repo.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  function mergeBase(repo: Repo, a: string, b: string): string | null {
    const ofB = ancestors(repo, b);
    const queue = [a];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (ofB.has(next)) return next;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(repo.commits.get(next)?.parents ?? []));
    }
    return null;
  }

  /** Three-way merge of flat trees: head's changes since the merge base, onto base. Null on conflict. */
  function mergedTree(repo: Repo, baseHead: string, head: string): Map<string, FlatEntry> | null {
    const mb = mergeBase(repo, head, baseHead);
    const mbFlat = mb ? flatten(repo, commitOf(repo, mb).tree) : new Map<string, FlatEntry>();
    const headFlat = flatten(repo, commitOf(repo, head).tree);
    const baseFlat = flatten(repo, commitOf(repo, baseHead).tree);
    const result = new Map(baseFlat);
    for (const path of new Set([...mbFlat.keys(), ...headFlat.keys()])) {
      const before = mbFlat.get(path)?.sha;
      const ours = headFlat.get(path);
      if (ours?.sha === before) continue;
      const theirs = baseFlat.get(path);
      if (theirs?.sha !== before && theirs?.sha !== ours?.sha) return null;
      if (ours) result.set(path, ours);
      else result.delete(path);
    }
    return result;
  }

  function pullHead(repo: Repo, pull: PullRecord): string {
    return pull.frozen_head ?? repo.refs.get(`refs/heads/${pull.head}`) ?? "0".repeat(40);
  }

  function latestChecks(repo: Repo, sha: string): Map<string, "success" | "pending" | "failure"> {
    const result = new Map<string, "success" | "pending" | "failure">();
    for (const run of repo.checkRuns.filter((r) => r.head_sha === sha).sort((a, b) => a.id - b.id)) {
      result.set(run.name, run.status !== "completed" ? "pending" : ["success", "neutral", "skipped"].includes(run.conclusion ?? "") ? "success" : "failure");
    }
    for (const status of repo.statuses.filter((s) => s.sha === sha).sort((a, b) => a.id - b.id)) {
      result.set(status.context, status.state === "success" ? "success" : status.state === "pending" ? "pending" : "failure");
    }
    return result;
  }

  function latestReviews(repo: Repo, number: number): Map<string, string> {
    const latest = new Map<string, string>();
    for (const review of repo.reviews.get(number) ?? []) {
      if (review.state === "COMMENTED") continue;
      latest.set(review.user, review.state);
    }
    return latest;
  }

  /** Why branch protection refuses to merge this pull request now, or null. Messages are GitHub's. */
  function protectionRefusal(repo: Repo, pull: PullRecord): string | null {
    const rules = repo.protection.get(pull.base);
    if (!rules) return null;
    const checks = latestChecks(repo, pullHead(repo, pull));
    for (const context of rules.requiredChecks) {
      const state = checks.get(context);
      if (state === undefined || state === "pending") return `Required status check "${context}" is expected.`;
      if (state === "failure") return `Required status check "${context}" is failing.`;
    }
    const reviews = [...latestReviews(repo, pull.number).values()];
    if (reviews.includes("CHANGES_REQUESTED")) return "Changes have been requested on this pull request.";
    const approvals = reviews.filter((state) => state === "APPROVED").length;
    if (approvals < rules.requiredApprovals) {
      return `At least ${rules.requiredApprovals} approving review${rules.requiredApprovals === 1 ? " is" : "s are"} required by reviewers with write access.`;
    }
    return null;
  }

  function squashMerge(repo: Repo, pull: PullRecord, title: string, message: string | undefined): string {
    const baseHead = repo.refs.get(`refs/heads/${pull.base}`)!;
    const head = pullHead(repo, pull);
    const tree = mergedTree(repo, baseHead, head);
    if (!tree) throw new HttpError(405, "Pull Request is not mergeable");
    const commit = storeCommit(repo, buildTree(repo, tree), [baseHead], message ? `${title}\n\n${message}` : title);
    repo.refs.set(`refs/heads/${pull.base}`, commit);
    Object.assign(pull, { state: "closed", merged: true, merged_at: now(), merge_commit_sha: commit, frozen_head: head, updated_at: now() });
    return commit;
  }

  /** Platform auto-merge: merges as soon as protection allows, like GitHub does after checks pass. */
  function runAutoMerges(repo: Repo): void {
    for (const pull of repo.pulls) {
      if (pull.state !== "open" || !pull.auto_merge || protectionRefusal(repo, pull) !== null) continue;
      if (!mergedTree(repo, repo.refs.get(`refs/heads/${pull.base}`)!, pullHead(repo, pull))) continue;
      squashMerge(repo, pull, `${pull.title} (#${pull.number})`, undefined);
    }
  }

  function pullJson(repo: Repo, pull: PullRecord): Record<string, unknown> {
    const head = pullHead(repo, pull);
    const baseHead = repo.refs.get(`refs/heads/${pull.base}`) ?? null;
    const mergeable = pull.state === "open" && baseHead ? mergedTree(repo, baseHead, head) !== null : null;
    const repoUrl = `${url}/repos/${repo.owner}/${repo.name}`;
    return {
      url: `${repoUrl}/pulls/${pull.number}`,
      id: pull.number * 1000 + 7,
      node_id: pull.node_id,
      html_url: `https://github.test/${repo.owner}/${repo.name}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      body: pull.body,
      user: { login: BOT, id: 1, type: "Bot" },
      labels: pull.labels.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false })),
      created_at: pull.created_at,
      updated_at: pull.updated_at,
      closed_at: pull.state === "closed" ? pull.updated_at : null,
      merged_at: pull.merged_at,
      merge_commit_sha: pull.merge_commit_sha,
      draft: pull.draft,
      merged: pull.merged,
      mergeable,
      mergeable_state: mergeable === false ? "dirty" : protectionRefusal(repo, pull) ? "blocked" : "clean",
      requested_reviewers: pull.requested_reviewers.map((login) => ({ login })),
      auto_merge: pull.auto_merge ? { merge_method: "squash", enabled_by: { login: BOT } } : null,
      head: { label: `${repo.owner}:${pull.head}`, ref: pull.head, sha: head, repo: { full_name: `${repo.owner}/${repo.name}` } },
      base: { label: `${repo.owner}:${pull.base}`, ref: pull.base, sha: baseHead, repo: { full_name: `${repo.owner}/${repo.name}` } },
    };
  }

  function pullOf(repo: Repo, number: string): PullRecord {
    const pull = repo.pulls.find((p) => p.number === Number(number));
    if (!pull) throw new HttpError(404, "Not Found");
    return pull;
  }

  function page<T>(items: T[], query: URLSearchParams, path: string, res: ServerResponse): T[] {
    const perPage = Math.min(100, Number(query.get("per_page") ?? 30) || 30);
    const current = Math.max(1, Number(query.get("page") ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    if (current < last) {
      const link = (n: number) => {
        const next = new URLSearchParams(query);
        next.set("page", String(n));
        return `<${url}${path}?${next.toString()}>`;
      };
      res.setHeader("link", `${link(current + 1)}; rel="next", ${link(last)}; rel="last"`);
    }
    return items.slice((current - 1) * perPage, current * perPage);
  }

  type Handler = (ctx: { repo: Repo; params: string[]; query: URLSearchParams; body: Record<string, unknown>; req: IncomingMessage; res: ServerResponse; path: string }) => unknown;
  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
  function route(method: string, pattern: string, handler: Handler): void {
    routes.push({ method, pattern: new RegExp(`^/repos/([^/]+)/([^/]+)${pattern}$`), handler });
  }

  route("GET", "/git/commits/([0-9a-f]{40})", ({ repo, params }) => commitJson(repo, commitOf(repo, params[0]!)));
  route("POST", "/git/commits", ({ repo, body }) => {
    const tree = String(body.tree);
    if (!repo.trees.has(tree)) throw new HttpError(422, "Tree SHA does not exist");
    const parents = (body.parents as string[]) ?? [];
    for (const parent of parents) if (!repo.commits.has(parent)) throw new HttpError(422, "Parent SHA does not exist or is not a commit object");
    const sha = storeCommit(repo, tree, parents, String(body.message), body.author as { name: string; email: string } | undefined);
    return [201, commitJson(repo, commitOf(repo, sha))];
  });
  route("GET", "/commits/([^/]+)/check-runs", ({ repo, params, query, res, path }) => {
    const sha = resolve(repo, params[0]!);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${params[0]}`);
    const runs = repo.checkRuns.filter((r) => r.head_sha === sha).sort((a, b) => b.id - a.id);
    return {
      total_count: runs.length,
      check_runs: page(runs, query, path, res).map((r) => ({
        id: r.id,
        name: r.name,
        head_sha: r.head_sha,
        status: r.status,
        conclusion: r.conclusion,
        started_at: r.started_at,
        completed_at: r.completed_at,
        output: { title: r.title, summary: r.summary, text: null, annotations_count: 0 },
        app: { slug: "ci" },
      })),
    };
  });
  route("GET", "/commits/([^/]+)/status", ({ repo, params }) => {
    const sha = resolve(repo, params[0]!);
    if (!sha) throw new HttpError(404, "Not Found");
    const latest = new Map<string, (typeof repo.statuses)[number]>();
    for (const status of repo.statuses.filter((s) => s.sha === sha).sort((a, b) => a.id - b.id)) latest.set(status.context, status);
    const statuses = [...latest.values()];
    const state = statuses.some((s) => s.state === "failure" || s.state === "error") ? "failure" : statuses.every((s) => s.state === "success") && statuses.length > 0 ? "success" : "pending";
    return { state, sha, total_count: statuses.length, statuses: statuses.map((s) => ({ id: s.id, context: s.context, state: s.state, description: s.description, target_url: null, created_at: s.created_at })) };
  });
  route("GET", "/commits/([^/]+)", ({ repo, params, req, res }) => {
    const sha = resolve(repo, decodeURIComponent(params[0]!));
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${decodeURIComponent(params[0]!)}`);
    if (/sha/.test(req.headers.accept ?? "")) {
      res.writeHead(200, { "content-type": "application/vnd.github.sha; charset=utf-8" });
      res.end(sha);
      return undefined;
    }
    const commit = commitOf(repo, sha);
    return { sha, commit: { message: commit.message, tree: { sha: commit.tree } }, parents: commit.parents.map((p) => ({ sha: p })), files: [] };
  });
  route("GET", "/contents/(.+)", ({ repo, params, query }) => {
    const path = decodeURIComponent(params[0]!);
    const sha = resolve(repo, query.get("ref") ?? repo.defaultBranch);
    if (!sha) throw new HttpError(404, `No commit found for the ref ${query.get("ref")}`);
    const flat = flatten(repo, commitOf(repo, sha).tree);
    const entry = flat.get(path);
    if (entry && entry.type === "blob") {
      const content = repo.blobs.get(entry.sha)!;
      // GitHub inlines files up to 1 MB and leaves `content` empty above that.
      const inline = content.byteLength <= 1024 * 1024;
      return {
        type: "file",
        encoding: inline ? "base64" : "none",
        size: content.byteLength,
        name: path.split("/").pop(),
        path,
        sha: entry.sha,
        content: inline ? (content.toString("base64").match(/.{1,60}/g) ?? []).join("\n") : "",
      };
    }
    const children = [...flat.keys()].filter((p) => p.startsWith(`${path}/`));
    if (children.length > 0) return children.map((p) => ({ type: "file", name: p.split("/").pop(), path: p }));
    throw new HttpError(404, "Not Found");
  });
  route("GET", "/git/blobs/([0-9a-f]{40})", ({ repo, params }) => {
    const content = repo.blobs.get(params[0]!);
    if (!content) throw new HttpError(404, "Not Found");
    return { sha: params[0], size: content.byteLength, encoding: "base64", content: content.toString("base64") };
  });
  route("POST", "/git/blobs", ({ repo, body }) => {
    const content = body.encoding === "base64" ? Buffer.from(String(body.content), "base64") : Buffer.from(String(body.content), "utf8");
    const sha = storeBlob(repo, content);
    return [201, { sha, url: `${url}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` }];
  });
  route("GET", "/git/trees/([0-9a-f]{40})", ({ repo, params, query }) => {
    const entries = repo.trees.get(params[0]!);
    if (!entries) throw new HttpError(404, "Not Found");
    const tree: Array<Record<string, unknown>> = [];
    const walk = (sha: string, prefix: string) => {
      for (const entry of repo.trees.get(sha)!) {
        tree.push({ path: `${prefix}${entry.name}`, mode: entry.mode, type: entry.type, sha: entry.sha, ...(entry.type === "blob" ? { size: repo.blobs.get(entry.sha)?.byteLength ?? 0 } : {}) });
        if (entry.type === "tree" && query.get("recursive")) walk(entry.sha, `${prefix}${entry.name}/`);
      }
    };
    walk(params[0]!, "");
    return { sha: params[0], truncated: false, tree };
  });
  route("POST", "/git/trees", ({ repo, body }) => {
    const flat = body.base_tree ? flatten(repo, String(body.base_tree)) : new Map<string, FlatEntry>();
    for (const entry of body.tree as Array<{ path: string; mode: string; type: string; sha?: string | null; content?: string }>) {
      if (entry.sha === null) {
        flat.delete(entry.path);
        continue;
      }
      const sha = entry.content !== undefined ? storeBlob(repo, Buffer.from(entry.content, "utf8")) : String(entry.sha);
      if (!repo.blobs.has(sha)) throw new HttpError(422, `tree.sha ${sha} is not a valid blob`);
      flat.set(entry.path, { mode: entry.mode, type: "blob", sha });
    }
    const sha = buildTree(repo, flat);
    return [201, { sha, truncated: false, tree: repo.trees.get(sha)!.map((e) => ({ path: e.name, mode: e.mode, type: e.type, sha: e.sha })) }];
  });
  route("GET", "/git/ref/(.+)", ({ repo, params }) => {
    const ref = `refs/${decodeURIComponent(params[0]!)}`;
    const sha = repo.refs.get(ref);
    if (!sha) throw new HttpError(404, "Not Found");
    return { ref, object: { sha, type: "commit" } };
  });
  route("POST", "/git/refs", ({ repo, body }) => {
    const ref = String(body.ref);
    if (!ref.startsWith("refs/") || ref.split("/").length < 3) throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.");
    if (repo.refs.has(ref)) throw new HttpError(422, "Reference already exists");
    if (!repo.commits.has(String(body.sha))) throw new HttpError(422, "Object does not exist");
    repo.refs.set(ref, String(body.sha));
    return [201, { ref, object: { sha: body.sha, type: "commit" } }];
  });
  route("PATCH", "/git/refs/(.+)", ({ repo, params, body }) => {
    const ref = `refs/${decodeURIComponent(params[0]!)}`;
    const current = repo.refs.get(ref);
    if (!current) throw new HttpError(422, "Reference does not exist");
    const sha = String(body.sha);
    if (!repo.commits.has(sha)) throw new HttpError(422, "Object does not exist");
    if (!body.force && !ancestors(repo, sha).has(current)) throw new HttpError(422, "Update is not a fast forward");
    repo.refs.set(ref, sha);
    return { ref, object: { sha, type: "commit" } };
  });
  route("GET", "/pulls", ({ repo, query, res, path }) => {
    const state = query.get("state") ?? "open";
    const head = query.get("head");
    const base = query.get("base");
    const pulls = repo.pulls
      .filter((p) => state === "all" || p.state === state)
      .filter((p) => !head || `${repo.owner}:${p.head}`.toLowerCase() === head.toLowerCase())
      .filter((p) => !base || p.base === base)
      .sort((a, b) => b.number - a.number);
    return page(pulls, query, path, res).map((p) => pullJson(repo, p));
  });
  route("POST", "/pulls", ({ repo, body }) => {
    const head = String(body.head).replace(new RegExp(`^${repo.owner}:`), "");
    const base = String(body.base);
    const headSha = repo.refs.get(`refs/heads/${head}`);
    const baseSha = repo.refs.get(`refs/heads/${base}`);
    if (!headSha || !baseSha) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", field: headSha ? "base" : "head", code: "invalid" }]);
    if (repo.pulls.some((p) => p.state === "open" && p.head === head && p.base === base)) {
      throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repo.owner}:${head}.` }]);
    }
    if (ancestors(repo, baseSha).has(headSha)) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }]);
    const number = repo.pulls.length + 1;
    const pull: PullRecord = {
      number,
      node_id: `PR_kw${Buffer.from(`${repo.owner}/${repo.name}#${number}`).toString("base64url")}`,
      title: String(body.title),
      body: typeof body.body === "string" ? body.body : null,
      head,
      base,
      state: "open",
      draft: body.draft === true,
      merged: false,
      merged_at: null,
      merge_commit_sha: null,
      frozen_head: null,
      labels: [],
      requested_reviewers: [],
      auto_merge: false,
      created_at: now(),
      updated_at: now(),
    };
    repo.pulls.push(pull);
    return [201, pullJson(repo, pull)];
  });
  route("GET", "/pulls/(\\d+)", ({ repo, params }) => pullJson(repo, pullOf(repo, params[0]!)));
  route("PATCH", "/pulls/(\\d+)", ({ repo, params, body }) => {
    const pull = pullOf(repo, params[0]!);
    if (typeof body.title === "string") pull.title = body.title;
    if (typeof body.body === "string") pull.body = body.body;
    if (typeof body.base === "string") pull.base = body.base;
    if (body.state === "closed" || body.state === "open") {
      pull.state = body.state;
      pull.frozen_head = body.state === "closed" ? pullHead(repo, pull) : null;
    }
    pull.updated_at = now();
    return pullJson(repo, pull);
  });
  route("PUT", "/pulls/(\\d+)/merge", ({ repo, params, body }) => {
    const pull = pullOf(repo, params[0]!);
    if (pull.state !== "open") throw new HttpError(405, "Pull Request is not mergeable");
    if (body.merge_method && body.merge_method !== "squash") throw new HttpError(405, "Merge commits are not allowed on this repository.");
    if (body.sha && body.sha !== pullHead(repo, pull)) throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
    const refusal = protectionRefusal(repo, pull);
    if (refusal) throw new HttpError(405, refusal);
    const sha = squashMerge(repo, pull, typeof body.commit_title === "string" ? body.commit_title : `${pull.title} (#${pull.number})`, typeof body.commit_message === "string" ? body.commit_message : undefined);
    return { sha, merged: true, message: "Pull Request successfully merged" };
  });
  route("GET", "/pulls/(\\d+)/reviews", ({ repo, params, query, res, path }) => {
    const pull = pullOf(repo, params[0]!);
    const reviews = repo.reviews.get(pull.number) ?? [];
    return page(reviews, query, path, res).map((r) => ({ id: r.id, user: { login: r.user }, state: r.state, commit_id: r.commit_id, submitted_at: r.submitted_at, body: "" }));
  });
  route("POST", "/pulls/(\\d+)/requested_reviewers", ({ repo, params, body }) => {
    const pull = pullOf(repo, params[0]!);
    const reviewers = (body.reviewers as string[]) ?? [];
    if (reviewers.includes(BOT)) throw new HttpError(422, "Review cannot be requested from pull request author.");
    pull.requested_reviewers = [...new Set([...pull.requested_reviewers, ...reviewers])];
    return [201, pullJson(repo, pull)];
  });
  route("POST", "/issues/(\\d+)/labels", ({ repo, params, body }) => {
    const pull = pullOf(repo, params[0]!);
    const labels = (body.labels as Array<string | { name: string }>).map((l) => (typeof l === "string" ? l : l.name));
    pull.labels = [...new Set([...pull.labels, ...labels])];
    return pull.labels.map((name, i) => ({ id: i + 1, name, color: "ededed" }));
  });
  route("DELETE", "/issues/(\\d+)/labels/(.+)", ({ repo, params }) => {
    const pull = pullOf(repo, params[0]!);
    const name = decodeURIComponent(params[1]!);
    if (!pull.labels.includes(name)) throw new HttpError(404, "Label does not exist");
    pull.labels = pull.labels.filter((l) => l !== name);
    return pull.labels.map((label, i) => ({ id: i + 1, name: label, color: "ededed" }));
  });
  route("GET", "/issues", ({ repo, query, res, path }) => {
    const state = query.get("state") ?? "open";
    const labels = (query.get("labels") ?? "").split(",").filter((l) => l.length > 0);
    const issues = repo.pulls
      .filter((p) => state === "all" || p.state === state)
      .filter((p) => labels.every((l) => p.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    return page(issues, query, path, res).map((p) => ({
      number: p.number,
      title: p.title,
      state: p.state,
      labels: p.labels.map((name) => ({ name })),
      pull_request: { url: `${url}/repos/${repo.owner}/${repo.name}/pulls/${p.number}` },
    }));
  });

  function commitJson(repo: Repo, commit: StoredCommit): Record<string, unknown> {
    return {
      sha: commit.sha,
      node_id: `C_${commit.sha.slice(0, 10)}`,
      url: `${url}/repos/${repo.owner}/${repo.name}/git/commits/${commit.sha}`,
      message: commit.message,
      author: commit.author,
      committer: commit.author,
      tree: { sha: commit.tree, url: `${url}/repos/${repo.owner}/${repo.name}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({ sha, url: `${url}/repos/${repo.owner}/${repo.name}/git/commits/${sha}` })),
      verification: { verified: false, reason: "unsigned" },
    };
  }

  function graphql(body: Record<string, unknown>): Record<string, unknown> {
    const query = String(body.query ?? "");
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    if (query.includes("markPullRequestReadyForReview")) {
      for (const repo of repos.values()) {
        const pull = repo.pulls.find((p) => p.node_id === variables.id);
        if (!pull) continue;
        pull.draft = false;
        return { data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } };
      }
      return { data: null, errors: [{ type: "NOT_FOUND", message: `Could not resolve to a node with the global id of '${String(variables.id)}'` }] };
    }
    if (!query.includes("enablePullRequestAutoMerge")) {
      return { data: null, errors: [{ type: "NOT_SUPPORTED", message: "This test server answers enablePullRequestAutoMerge and markPullRequestReadyForReview only." }] };
    }
    for (const repo of repos.values()) {
      const pull = repo.pulls.find((p) => p.node_id === variables.id);
      if (!pull) continue;
      if (!repo.autoMergeAllowed) {
        return { data: { enablePullRequestAutoMerge: null }, errors: [{ type: "UNPROCESSABLE", path: ["enablePullRequestAutoMerge"], message: "Pull request Auto merge is not allowed for this repository" }] };
      }
      pull.auto_merge = true;
      runAutoMerges(repo);
      return { data: { enablePullRequestAutoMerge: { pullRequest: { number: pull.number } } } };
    }
    return { data: null, errors: [{ type: "NOT_FOUND", message: `Could not resolve to a node with the global id of '${String(variables.id)}'` }] };
  }

  async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (text.length === 0) return {};
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new HttpError(400, "Problems parsing JSON");
    }
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "x-github-request-id": `TEST:${counter++}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    requests.push({ method, path: parsed.pathname });
    const fault = faults.find((f) => f.remaining > 0 && f.method === method && f.path.test(parsed.pathname));
    if (fault) {
      fault.remaining -= 1;
      await readBody(req).catch(() => ({}));
      fault.answer(res);
      return;
    }
    const auth = req.headers.authorization ?? "";
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`) {
      send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
      return;
    }
    try {
      const body = method === "GET" || method === "DELETE" ? {} : await readBody(req);
      if (method === "POST" && parsed.pathname === "/graphql") {
        send(res, 200, graphql(body));
        return;
      }
      for (const { method: m, pattern, handler } of routes) {
        if (m !== method) continue;
        const match = pattern.exec(parsed.pathname);
        if (!match) continue;
        const repo = repoOf(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
        const result = handler({ repo, params: match.slice(3), query: parsed.searchParams, body, req, res, path: parsed.pathname });
        if (res.headersSent) return;
        const [status, payload] = Array.isArray(result) && typeof result[0] === "number" && result.length === 2 ? (result as [number, unknown]) : [200, result];
        send(res, status, payload);
        return;
      }
      throw new HttpError(404, "Not Found");
    } catch (error) {
      if (error instanceof HttpError) {
        send(res, error.status, { message: error.message, ...(error.errors ? { errors: error.errors } : {}), documentation_url: "https://docs.github.com/rest", status: String(error.status) });
        return;
      }
      send(res, 500, { message: `test server: ${(error as Error).message}` });
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    url,
    token,
    requests,
    createRepo(owner, name, files, repoOptions = {}) {
      const repo: Repo = {
        owner,
        name,
        defaultBranch: repoOptions.defaultBranch ?? "main",
        blobs: new Map(),
        trees: new Map(),
        commits: new Map(),
        refs: new Map(),
        pulls: [],
        reviews: new Map(),
        checkRuns: [],
        statuses: [],
        protection: new Map(),
        autoMergeAllowed: true,
      };
      repos.set(`${owner}/${name}`.toLowerCase(), repo);
      const flat = new Map<string, FlatEntry>();
      for (const [path, content] of Object.entries(files)) flat.set(path, { mode: "100644", type: "blob", sha: storeBlob(repo, Buffer.from(content, "utf8")) });
      const sha = storeCommit(repo, buildTree(repo, flat), [], "Initial commit");
      repo.refs.set(`refs/heads/${repo.defaultBranch}`, sha);
      return sha;
    },
    pushCommit(owner, name, branch, changes, message) {
      const repo = repoOf(owner, name);
      const parent = repo.refs.get(`refs/heads/${branch}`)!;
      const flat = flatten(repo, commitOf(repo, parent).tree);
      for (const [path, content] of Object.entries(changes)) {
        if (content === null) flat.delete(path);
        else flat.set(path, { mode: "100644", type: "blob", sha: storeBlob(repo, Buffer.from(content, "utf8")) });
      }
      const sha = storeCommit(repo, buildTree(repo, flat), [parent], message);
      repo.refs.set(`refs/heads/${branch}`, sha);
      return sha;
    },
    branchHead(owner, name, branch) {
      return repoOf(owner, name).refs.get(`refs/heads/${branch}`) ?? null;
    },
    fileAt(owner, name, ref, path) {
      const repo = repoOf(owner, name);
      const sha = resolve(repo, ref);
      if (!sha) return null;
      const entry = flatten(repo, commitOf(repo, sha).tree).get(path);
      return entry ? repo.blobs.get(entry.sha)!.toString("utf8") : null;
    },
    commit(owner, name, sha) {
      return commitOf(repoOf(owner, name), sha);
    },
    pulls(owner, name) {
      return repoOf(owner, name).pulls;
    },
    addCheckRun(owner, name, sha, run) {
      const repo = repoOf(owner, name);
      repo.checkRuns.push({
        id: ++counter,
        name: run.name,
        head_sha: sha,
        status: run.status,
        conclusion: run.status === "completed" ? (run.conclusion ?? "success") : null,
        title: run.title ?? null,
        summary: run.summary ?? null,
        started_at: now(),
        completed_at: run.status === "completed" ? now() : null,
      });
      runAutoMerges(repo);
    },
    setStatus(owner, name, sha, status) {
      const repo = repoOf(owner, name);
      repo.statuses.push({ sha, context: status.context, state: status.state, description: status.description ?? null, id: ++counter, created_at: now() });
      runAutoMerges(repo);
    },
    addReview(owner, name, pull, review) {
      const repo = repoOf(owner, name);
      const record = pullOf(repo, String(pull));
      const list = repo.reviews.get(pull) ?? [];
      list.push({ id: ++counter, user: review.user, state: review.state, commit_id: pullHead(repo, record), submitted_at: now() });
      repo.reviews.set(pull, list);
      runAutoMerges(repo);
    },
    protectBranch(owner, name, branch, rules) {
      repoOf(owner, name).protection.set(branch, { requiredChecks: rules.requiredChecks ?? [], requiredApprovals: rules.requiredApprovals ?? 0 });
    },
    setAutoMergeAllowed(owner, name, allowed) {
      repoOf(owner, name).autoMergeAllowed = allowed;
    },
    failNext(method, path, count, status = 502) {
      faults.push({
        method,
        path,
        remaining: count,
        answer: (res) => {
          res.writeHead(status, { "content-type": "text/html" });
          res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        },
      });
    },
    rateLimitNext(method, path, kind, count = 1) {
      faults.push({
        method,
        path,
        remaining: count,
        answer: (res) => {
          if (kind === "primary") {
            // Resets within a second: the plugin waits ceil(reset - now) + 1 seconds (1–2), times its
            // base value, which tests make tiny.
            res.writeHead(403, {
              "content-type": "application/json; charset=utf-8",
              "x-ratelimit-limit": "5000",
              "x-ratelimit-remaining": "0",
              "x-ratelimit-used": "5000",
              "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1),
            });
            res.end(JSON.stringify({ message: "API rate limit exceeded for user ID 1.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }));
            return;
          }
          res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": "1" });
          res.end(JSON.stringify({ message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" }));
        },
      });
    },
    clearFaults() {
      faults.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
