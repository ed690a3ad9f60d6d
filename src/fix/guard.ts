import type { FileChange } from "./file-change.ts";
import { languageOfPath, parseSource, SourceParseError } from "./parse-source.ts";

// The deterministic guard every generated fix passes through, whatever wrote it (pattern library
// now, a model later). It reads only the code: a fix's explanation is attacker-influenced text
// (error messages come from production traffic), so nothing it says is trusted.
//
// Every rule but `protected-path` blocks the fix. A protected path only forbids auto-apply: a
// person may still review and merge the pull request.
//
// Content rules look at ADDED lines (and, for disabled auth, removed ones) of a real line diff,
// scanned per contiguous block so a construct split over lines (`fs.rmSync(dir, {\n recursive:
// true })`) is still seen. All regexes here are our own constants, linear in the input.

export interface GuardSettings {
  protectedPaths: string[];
  maxChangedLines: number;
  maxFiles: number;
}

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

export interface GuardResult {
  /** No blocking violation. */
  passed: boolean;
  /** Passed and no protected path touched. */
  autoApplyAllowed: boolean;
  violations: GuardViolation[];
  /** Added plus removed lines over all files. */
  changedLines: number;
  /** Paths the fix changes, in order, without no-op changes. */
  files: string[];
}

/** Paths that hold tests: a fix may add a test file but never edit or delete one to make CI pass. */
export const TEST_PATH_GLOBS: readonly string[] = [
  "**/*.test.*",
  "**/*.spec.*",
  "**/*_test.*",
  "**/*.snap",
  "**/__tests__/**",
  "**/__snapshots__/**",
  "**/tests/**",
  "**/test/**",
];

interface Pattern {
  regex: RegExp;
  label: string;
}

const SECRET_PATTERNS: readonly Pattern[] = [
  { regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, label: "a private key block" },
  { regex: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/, label: "an API key (sk-…)" },
  { regex: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/, label: "a Stripe key" },
  { regex: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/, label: "a GitHub token" },
  { regex: /\bgithub_pat_[A-Za-z0-9_]{40,}/, label: "a GitHub token" },
  { regex: /\bsb_secret_[A-Za-z0-9_-]{16,}/, label: "a Supabase secret key" },
  { regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, label: "an AWS access key" },
  { regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, label: "a Slack token" },
  { regex: /\bAIza[0-9A-Za-z_-]{35}/, label: "a Google API key" },
  { regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, label: "a JWT" },
  {
    // `password = "..."`, `DB_PASSWORD: '...'`, `apiKey = "..."`; not `${env}` templates, not empty strings.
    regex:
      /(?:^|[^\w$])[\w$]*(?:password|passwd|secret|api_?key|access_?token|auth_?token|refresh_?token|client_?secret)["']?\s*[:=]\s*(["'`])(?![^"'`\n]*\$\{)[^"'`\n]{4,}\1/i,
    label: "a hard-coded password or secret literal",
  },
];

const DANGEROUS_PATTERNS: readonly Pattern[] = [
  { regex: /\beval\s*\(/, label: "eval(" },
  { regex: /\bnew\s+Function\s*\(/, label: "new Function(" },
  { regex: /(?<![\w$.])Function\s*\(\s*["'`]/, label: "Function( with code in a string" },
  { regex: /\bset(?:Timeout|Interval|Immediate)\s*\(\s*["'`]/, label: "a timer with code in a string" },
  { regex: /\bchild_process\b/, label: "child_process" },
  { regex: /\b(?:execSync|execFileSync|execFile|spawnSync|spawn)\s*\(/, label: "a process spawn" },
  { regex: /(?<![\w$.])exec\s*\(\s*["'`]/, label: "exec( of a shell command" },
  { regex: /\bDeno\s*\.\s*(?:run|Command)\b/, label: "a Deno subprocess" },
  { regex: /\bvm\s*\.\s*(?:runIn\w*|compileFunction|Script)\b|["'](?:node:)?vm["']/, label: "the vm module" },
  { regex: /\brm\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\b/, label: "rm -rf" },
  { regex: /\brimraf\b/, label: "rimraf" },
  {
    regex: /\b(?:rm|rmSync|rmdir|rmdirSync)\s*\([^;]{0,300}?\brecursive\s*:\s*true/,
    label: "a recursive delete",
  },
  { regex: /\bdrop\s+(?:table|schema|database)\b/i, label: "DROP TABLE/SCHEMA/DATABASE" },
  { regex: /\btruncate\s+table\b/i, label: "TRUNCATE" },
  { regex: /\bTRUNCATE\s+["\w]/, label: "TRUNCATE" },
  { regex: /\b(?:process|Deno)\s*\.\s*exit\s*\(/, label: "process.exit(" },
];

const SUPPRESSION_PATTERNS: readonly Pattern[] = [
  { regex: /@ts-ignore\b/, label: "@ts-ignore" },
  { regex: /@ts-expect-error\b/, label: "@ts-expect-error" },
  { regex: /@ts-nocheck\b/, label: "@ts-nocheck" },
  { regex: /\beslint-disable/, label: "eslint-disable" },
  { regex: /\bbiome-ignore\b/, label: "biome-ignore" },
  { regex: /\bdeno-lint-ignore/, label: "deno-lint-ignore" },
  { regex: /\btslint:disable/, label: "tslint:disable" },
];

const AUTH_BYPASS_PATTERNS: readonly Pattern[] = [
  { regex: /\bverify_?jwt\s*[:=]\s*false\b/i, label: "verify_jwt = false" },
  {
    regex:
      /\b(?:isAdmin|isSuperuser|isSuperUser|isAuthenticated|isAuthorized|isAuthed|authenticated|authorized)\s*(?::|=(?!=))\s*true\b/,
    label: "a hard-coded grant (isAdmin = true)",
  },
  { regex: /\b(?:skip|bypass|disable|no)_?auth/i, label: "an auth skip flag" },
  {
    regex: /\b(?:requireAuth|authRequired|auth|authentication|authorization)\s*:\s*false\b/,
    label: "auth turned off in options",
  },
  { regex: /\bif\s*\(\s*(?:true|1|!0|!false)\s*\)/, label: "an always-true condition (if (true) bypass)" },
];

/** Identifier fragments that mark authentication and authorization code. */
const AUTH_WORDS = [
  "auth",
  "permission",
  "verif",
  "jwt",
  "session",
  "admin",
  "role",
  "acl",
  "csrf",
  "signin",
  "login",
  "credential",
  "privilege",
  "apikey",
  "requireuser",
];
/** How far after an added unconditional `return next()` an auth check makes it a bypass. */
const BYPASS_LOOKAHEAD_LINES = 20;
/** Myers' trace costs O(D²) memory; past this edit distance the changed middle counts as rewritten. */
const MAX_EDIT_DISTANCE = 1000;

export function guardChanges(changes: FileChange[], settings: GuardSettings): GuardResult {
  const violations: GuardViolation[] = [];
  const files: string[] = [];
  let changedLines = 0;

  for (const change of changes) {
    if (change.before === change.after) continue; // no-op, including null → null
    const path = change.path;
    if (!files.includes(path)) files.push(path);

    const pathProblem = outsideRepoProblem(path);
    if (pathProblem) violations.push(block("outside-repo", path, null, `${quote(path)} ${pathProblem}`));

    const isTest = TEST_PATH_GLOBS.some((glob) => matchesGlob(path, glob));
    if (change.after === null) {
      violations.push(block("deletes-file", path, null, `the fix deletes ${quote(path)}; fixes may not delete files`));
    } else if (change.before !== null && change.before.trim() !== "" && change.after.trim() === "") {
      // Emptying a file deletes its code as surely as removing it.
      violations.push(block("deletes-file", path, null, `the fix empties ${quote(path)}; fixes may not delete code wholesale`));
    }
    if (isTest && change.before !== null) {
      const verb = change.after === null ? "deletes" : "edits";
      violations.push(
        block("test-edited", path, null, `the fix ${verb} the existing test ${quote(path)}; tests are not changed to make a fix pass`),
      );
    }

    const protectedBy = settings.protectedPaths.find((glob) => matchesGlob(path, glob));
    if (protectedBy !== undefined) {
      violations.push({
        rule: "protected-path",
        file: path,
        line: null,
        message: `${quote(path)} is protected (${protectedBy}); a person must review this change`,
        blocking: false,
      });
    }

    if (change.after !== null && languageOfPath(path) !== null) {
      const failure = parseFailure(path, change.after);
      if (failure) violations.push(block("does-not-parse", path, failure.line, `the patched ${quote(path)} does not parse: ${failure.message}`));
    }

    const diff = diffLines(change.before ?? "", change.after ?? "");
    changedLines += diff.added.length + diff.removed.length;
    violations.push(...scanAdded(path, diff.added));
    // Prose (docs, notes) mentions sessions and tokens without being a check.
    if (!/\.(?:md|mdx|txt|rst)$/i.test(path)) violations.push(...scanRemovedAuth(path, diff));
    violations.push(...scanBypassBeforeAuth(path, diff.added, change.after ?? ""));
  }

  if (changedLines > settings.maxChangedLines) {
    violations.push(
      block("too-many-lines", null, null, `the fix changes ${changedLines} lines, more than the limit of ${settings.maxChangedLines}`),
    );
  }
  if (files.length > settings.maxFiles) {
    violations.push(block("too-many-files", null, null, `the fix changes ${files.length} files, more than the limit of ${settings.maxFiles}`));
  }

  const passed = !violations.some((v) => v.blocking);
  const touchesProtected = violations.some((v) => v.rule === "protected-path");
  return { passed, autoApplyAllowed: passed && !touchesProtected, violations, changedLines, files };
}

function block(rule: GuardRule, file: string | null, line: number | null, message: string): GuardViolation {
  return { rule, file, line, message, blocking: true };
}

function quote(path: string): string {
  // Paths come from generated fixes: keep messages one line and bounded.
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

/** Why a path may not be written by a fix, or null when it is a normal repo-relative path. */
export function outsideRepoProblem(path: string): string | null {
  if (path.length === 0) return "is empty";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "contains control characters";
  if (path.includes("\\")) return "uses backslashes; paths must be POSIX and repo-relative";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute; paths must be repo-relative";
  const segments = path.split("/");
  if (segments.some((s) => s === "..")) return "leaves the repository (..)";
  if (segments.some((s) => s === "" || s === ".")) return "is not normalized";
  const lower = segments.map((s) => s.toLowerCase());
  if (lower.includes("node_modules")) return "is inside node_modules; third-party code is not patched";
  if (lower.includes(".git")) return "is inside .git";
  return null;
}

function parseFailure(path: string, code: string): { line: number | null; message: string } | null {
  try {
    parseSource(path, code);
    return null;
  } catch (error) {
    if (error instanceof SourceParseError) {
      // Babel's message ends with "(line:column)"; the line is reported separately.
      const reason = String((error.cause as Error | undefined)?.message ?? error.message).replace(/\s*\(\d+:\d+\)\s*$/, "");
      return { line: error.line, message: reason.slice(0, 200) };
    }
    return { line: null, message: "the parser failed" };
  }
}

// ---------------------------------------------------------------------------------------------
// Content rules

interface Block {
  firstLine: number;
  text: string;
}

function contiguousBlocks(lines: Array<{ line: number; text: string }>): Block[] {
  const blocks: Block[] = [];
  let current: { firstLine: number; lastLine: number; texts: string[] } | null = null;
  for (const { line, text } of lines) {
    if (current && line === current.lastLine + 1) {
      current.texts.push(text);
      current.lastLine = line;
      continue;
    }
    if (current) blocks.push({ firstLine: current.firstLine, text: current.texts.join("\n") });
    current = { firstLine: line, lastLine: line, texts: [text] };
  }
  if (current) blocks.push({ firstLine: current.firstLine, text: current.texts.join("\n") });
  return blocks;
}

function matchLines(block: Block, pattern: RegExp): number[] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  const lines: number[] = [];
  for (const match of block.text.matchAll(global)) {
    // The secret-literal pattern may consume the newline before the key; report the key's line.
    const start = match.index + (match[0].startsWith("\n") ? 1 : 0);
    lines.push(block.firstLine + countNewlines(block.text, start));
  }
  return lines;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function scanAdded(path: string, added: Array<{ line: number; text: string }>): GuardViolation[] {
  const found: GuardViolation[] = [];
  const seen = new Set<string>();
  const push = (rule: GuardRule, line: number, message: string) => {
    const key = `${rule}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(block(rule, path, line, message));
  };
  for (const b of contiguousBlocks(added)) {
    for (const p of SECRET_PATTERNS) {
      // The secret itself is never repeated in the message.
      for (const line of matchLines(b, p.regex)) push("secret-added", line, `line ${line} of ${quote(path)} adds ${p.label}`);
    }
    for (const p of DANGEROUS_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("dangerous-code", line, `line ${line} of ${quote(path)} adds ${p.label}`);
    }
    for (const p of SUPPRESSION_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("suppression-comment", line, `line ${line} of ${quote(path)} adds ${p.label}`);
    }
    for (const p of AUTH_BYPASS_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("auth-disabled", line, `line ${line} of ${quote(path)} adds ${p.label}`);
    }
  }
  return found;
}

/** Auth-related identifiers in code (string literals removed, so a moved `./auth/` import is not one). */
function authTokens(text: string): string[] {
  const code = text.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
  const tokens: string[] = [];
  for (const match of code.matchAll(/[A-Za-z_$][\w$]*|\b40[13]\b/g)) {
    const token = match[0];
    const lower = token.toLowerCase();
    if (token === "401" || token === "403" || AUTH_WORDS.some((word) => lower.includes(word))) tokens.push(token);
  }
  return tokens;
}

/**
 * A removed auth check: some auth identifier (or a 401/403) occurs fewer times in the added
 * lines than in the removed ones. Counting, rather than flagging every removed auth line, lets a
 * fix rewrite `req.headers.authorization.split(" ")` as `req.headers.authorization?.split(" ")`.
 */
function scanRemovedAuth(
  path: string,
  diff: { added: Array<{ line: number; text: string }>; removed: Array<{ line: number; text: string }> },
): GuardViolation[] {
  const addedCounts = new Map<string, number>();
  for (const { text } of diff.added) for (const token of authTokens(text)) addedCounts.set(token, (addedCounts.get(token) ?? 0) + 1);
  const removedCounts = new Map<string, { count: number; line: number }>();
  for (const { line, text } of diff.removed) {
    for (const token of authTokens(text)) {
      const entry = removedCounts.get(token);
      if (entry) entry.count++;
      else removedCounts.set(token, { count: 1, line });
    }
  }
  const found: GuardViolation[] = [];
  const reportedLines = new Set<number>();
  for (const [token, { count, line }] of removedCounts) {
    if (count <= (addedCounts.get(token) ?? 0) || reportedLines.has(line)) continue;
    reportedLines.add(line);
    found.push(block("auth-disabled", path, line, `the fix removes an auth check (${token}) at line ${line} of the original ${quote(path)}`));
  }
  return found;
}

/** An added unconditional `return next()` with an auth check right after it (an Express-style bypass). */
function scanBypassBeforeAuth(path: string, added: Array<{ line: number; text: string }>, after: string): GuardViolation[] {
  const found: GuardViolation[] = [];
  if (added.length === 0) return found;
  const afterLines = splitLines(after);
  for (const { line, text } of added) {
    if (!/^\s*(?:return\s+next\s*\(\s*\)|next\s*\(\s*\)\s*;?\s*return)\s*;?\s*$/.test(text)) continue;
    const following = afterLines.slice(line, line + BYPASS_LOOKAHEAD_LINES).join("\n");
    if (authTokens(following).length === 0) continue;
    found.push(block("auth-disabled", path, line, `line ${line} of ${quote(path)} returns before the auth check that follows it`));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Line diff (Myers, O(ND) time)

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines added (numbered in `after`) and removed (numbered in `before`), 1-based. */
export function diffLines(
  before: string,
  after: string,
): { added: Array<{ line: number; text: string }>; removed: Array<{ line: number; text: string }> } {
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);

  const added: Array<{ line: number; text: string }> = [];
  const removed: Array<{ line: number; text: string }> = [];
  const edits = myers(midA, midB);
  if (edits === null) {
    // Too different to diff cheaply: count the whole middle as rewritten (an over-count, which
    // only makes the guard stricter).
    midA.forEach((text, i) => removed.push({ line: prefix + i + 1, text }));
    midB.forEach((text, i) => added.push({ line: prefix + i + 1, text }));
    return { added, removed };
  }
  for (const edit of edits) {
    if (edit.kind === "add") added.push({ line: prefix + edit.index + 1, text: midB[edit.index] });
    else removed.push({ line: prefix + edit.index + 1, text: midA[edit.index] });
  }
  added.sort((x, y) => x.line - y.line);
  removed.sort((x, y) => x.line - y.line);
  return { added, removed };
}

type Edit = { kind: "add" | "remove"; index: number };

function myers(a: string[], b: string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((_, index) => ({ kind: "add" as const, index }));
  if (m === 0) return a.map((_, index) => ({ kind: "remove" as const, index }));

  // Compare small integers instead of strings in the inner loop.
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const ai = Int32Array.from(a, idOf);
  const bi = Int32Array.from(b, idOf);

  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && ai[x] === bi[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;

  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const at = (k: number) => vd[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) edits.push({ kind: "add", index: prevY });
    else edits.push({ kind: "remove", index: prevX });
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

// ---------------------------------------------------------------------------------------------
// Globs

/**
 * Does a repo-relative path match a glob? `**` matches any number of segments, `*` any characters
 * within a segment, `?` one character; dotfiles match like any other name (`.env*` matches
 * `.env.local`). A glob without `/` matches a name at any depth (as in .gitignore), so
 * `package.json` also protects `apps/web/package.json`. Case-insensitive: on macOS and Windows
 * checkouts `Billing/` is `billing/`, and protecting too much only costs an auto-apply.
 * No regex is built from the glob.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const pathSegments = segmentsOf(path.toLowerCase());
  let globSegments = segmentsOf(glob.toLowerCase());
  if (globSegments.length === 0) return false;
  if (glob.endsWith("/")) globSegments = [...globSegments, "**"];
  if (globSegments.length === 1 && globSegments[0] !== "**") globSegments = ["**", globSegments[0], "**"];
  return matchSequence(pathSegments, globSegments);
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && s !== ".");
}

/** Greedy wildcard matching with backtracking to the last `**` (linear for one wildcard kind). */
function matchSequence(path: string[], glob: string[]): boolean {
  let pi = 0;
  let gi = 0;
  let starG = -1;
  let starP = 0;
  while (pi < path.length) {
    if (gi < glob.length && glob[gi] === "**") {
      starG = gi++;
      starP = pi;
      continue;
    }
    if (gi < glob.length && matchSegment(path[pi], glob[gi])) {
      pi++;
      gi++;
      continue;
    }
    if (starG < 0) return false;
    gi = starG + 1;
    pi = ++starP;
  }
  while (gi < glob.length && glob[gi] === "**") gi++;
  return gi === glob.length;
}

function matchSegment(name: string, pattern: string): boolean {
  let ni = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (ni < name.length) {
    const c = pattern[pi];
    if (pi < pattern.length && c === "*") {
      star = pi++;
      mark = ni;
      continue;
    }
    if (pi < pattern.length && (c === "?" || c === name[ni])) {
      pi++;
      ni++;
      continue;
    }
    if (star < 0) return false;
    pi = star + 1;
    ni = ++mark;
  }
  while (pi < pattern.length && pattern[pi] === "*") pi++;
  return pi === pattern.length;
}
