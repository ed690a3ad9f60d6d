import { type DiffLine, type LineDiff, splitLines } from "../../core/line-diff.ts";
import { type GuardRule, type GuardViolation, blockingViolation, quotePath } from "./violation.ts";

// The guard's content rules. They look at ADDED lines (and, for disabled auth, removed ones) of a
// real line diff, scanned per contiguous block so a construct split over lines (`fs.rmSync(dir, {\n
// recursive: true })`) is still seen. All regexes here are our own constants, linear in the input.

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

/** Every content rule a change of one file breaks. */
export function contentViolations(path: string, diff: LineDiff, after: string): GuardViolation[] {
  return [
    ...scanAdded(path, diff.added),
    // Prose (docs, notes) mentions sessions and tokens without being a check.
    ...(/\.(?:md|mdx|txt|rst)$/i.test(path) ? [] : scanRemovedAuth(path, diff)),
    ...scanBypassBeforeAuth(path, diff.added, after),
  ];
}

interface Block {
  firstLine: number;
  text: string;
}

function contiguousBlocks(lines: DiffLine[]): Block[] {
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

function scanAdded(path: string, added: DiffLine[]): GuardViolation[] {
  const found: GuardViolation[] = [];
  const seen = new Set<string>();
  const push = (rule: GuardRule, line: number, message: string) => {
    const key = `${rule}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(blockingViolation(rule, path, line, message));
  };
  for (const b of contiguousBlocks(added)) {
    for (const p of SECRET_PATTERNS) {
      // The secret itself is never repeated in the message.
      for (const line of matchLines(b, p.regex)) push("secret-added", line, `line ${line} of ${quotePath(path)} adds ${p.label}`);
    }
    for (const p of DANGEROUS_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("dangerous-code", line, `line ${line} of ${quotePath(path)} adds ${p.label}`);
    }
    for (const p of SUPPRESSION_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("suppression-comment", line, `line ${line} of ${quotePath(path)} adds ${p.label}`);
    }
    for (const p of AUTH_BYPASS_PATTERNS) {
      for (const line of matchLines(b, p.regex)) push("auth-disabled", line, `line ${line} of ${quotePath(path)} adds ${p.label}`);
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
  diff: LineDiff,
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
    found.push(blockingViolation("auth-disabled", path, line, `the fix removes an auth check (${token}) at line ${line} of the original ${quotePath(path)}`));
  }
  return found;
}

/** An added unconditional `return next()` with an auth check right after it (an Express-style bypass). */
function scanBypassBeforeAuth(path: string, added: DiffLine[], after: string): GuardViolation[] {
  const found: GuardViolation[] = [];
  if (added.length === 0) return found;
  const afterLines = splitLines(after);
  for (const { line, text } of added) {
    if (!/^\s*(?:return\s+next\s*\(\s*\)|next\s*\(\s*\)\s*;?\s*return)\s*;?\s*$/.test(text)) continue;
    const following = afterLines.slice(line, line + BYPASS_LOOKAHEAD_LINES).join("\n");
    if (authTokens(following).length === 0) continue;
    found.push(blockingViolation("auth-disabled", path, line, `line ${line} of ${quotePath(path)} returns before the auth check that follows it`));
  }
  return found;
}
