import type * as t from "@babel/types";
import { type Node, findBinding, memberPropertyName, startOf, textOf, unwrapTs, walk } from "../ast-tools.ts";
import type { ImportRequest } from "../add-import.ts";
import type { SourceReader } from "../fix-context.ts";
import { resolveSpecifier } from "../module-resolution.ts";
import { parseSource } from "../parse-source.ts";
import { chainKey } from "../soundness/nullish-facts.ts";

// The code's own answer to the same missing value. When another function already reads
// `config.fees[member.tier] ?? config.fees.standard`, `record.attributes.firmware?.stringValue ??
// body.fw` or `subscriber.preferences ?? DEFAULT_PREFERENCES`, that fallback is what the team
// decided a missing value means: the fix reuses it rather than inventing one.

export interface CodeFallback {
  /** `?? F` after the value, or `?.p ?? F` when the code reads the same property through optional chaining. */
  form: "nullish" | "optional-read";
  /** The fallback's text, as written at the new place. */
  text: string;
  operator: "??" | "||";
  /** An import the fallback needs in the culprit file. */
  importRequest: ImportRequest | null;
  /** Where the code does it, for the reviewer. */
  exampleAt: string;
  fit: number;
}

export interface FallbackWanted {
  /** The value's chain (`config.fees[member.tier]`, `s.preferences`); null when it has no stable name. */
  key: string | null;
  /** The member the value is read as (`preferences` of `s.preferences`), matched in other code too. */
  tail: string | null;
  /** The property the crash read from the value, for `x?.p ?? F` forms. */
  property: string | null;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const EXCLUDED = /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.git|vendor)\/|\.d\.ts$|(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const MAX_FILES = 40;
/** Files read looking for the same member (on GitHub one API call each). */
const MAX_SCANNED = 150;
const MAX_FILE_CHARS = 200_000;
/** A tail this generic (`data`, `id`) says nothing about which value it is. */
const GENERIC_TAILS = new Set(["data", "value", "id", "body", "item", "items", "result", "res", "req", "params", "query", "options", "opts", "config", "default"]);

function emptyLiteral(node: Node): boolean {
  const value = unwrapTs(node);
  return (value.type === "ArrayExpression" && value.elements.length === 0) || (value.type === "ObjectExpression" && value.properties.length === 0) || (value.type === "StringLiteral" && value.value === "");
}

function identifiersOf(node: Node): { node: t.Identifier; ancestors: Node[] }[] {
  const found: { node: t.Identifier; ancestors: Node[] }[] = [];
  walk(node, (inner, ancestors) => {
    if (inner.type !== "Identifier") return;
    const parent = ancestors[ancestors.length - 1];
    if (parent && (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === inner && !parent.computed) return;
    found.push({ node: inner, ancestors: [...ancestors] });
  });
  return found;
}

interface Match {
  file: string;
  source: string;
  program: t.Program;
  logical: t.LogicalExpression;
  ancestors: readonly Node[];
  form: CodeFallback["form"];
  exact: boolean;
}

function matchesIn(file: string, source: string, program: t.Program, wanted: FallbackWanted, sameFile: boolean): Match[] {
  const matches: Match[] = [];
  walk(program, (node, ancestors) => {
    if (node.type !== "LogicalExpression" || (node.operator !== "??" && node.operator !== "||")) return;
    const left = unwrapTs(node.left);
    const leftKey = chainKey(left);
    // `x ?? F`: the same chain in this file, or the same member in any file.
    const sameChain = sameFile && wanted.key !== null && leftKey === wanted.key;
    const sameTail = wanted.tail !== null && !GENERIC_TAILS.has(wanted.tail) && (left.type === "MemberExpression" || left.type === "OptionalMemberExpression") && memberPropertyName(left) === wanted.tail;
    if (sameChain || sameTail) matches.push({ file, source, program, logical: node, ancestors: [...ancestors], form: "nullish", exact: sameChain });
    // `x?.p ?? F`: the code reads the crash's own property through optional chaining.
    if (wanted.property && left.type === "OptionalMemberExpression" && memberPropertyName(left) === wanted.property) {
      const objectKey = chainKey(left.object);
      const exact = sameFile && wanted.key !== null && objectKey === wanted.key;
      const object = unwrapTs(left.object);
      const tailMatch = wanted.tail !== null && !GENERIC_TAILS.has(wanted.tail) && (object.type === "MemberExpression" || object.type === "OptionalMemberExpression") && memberPropertyName(object) === wanted.tail;
      if (exact || tailMatch) matches.push({ file, source, program, logical: node, ancestors: [...ancestors], form: "optional-read", exact });
    }
  });
  return matches;
}

/**
 * The fallback a match uses, as text valid at the crash site: every name in it resolves there
 * the same way (or is imported from the module the match imports it from). Null when it cannot be
 * carried over.
 */
function carryOver(match: Match, culprit: { file: string; siteAncestors: readonly Node[] }, files: ReadonlySet<string>): { text: string; importRequest: ImportRequest | null } | null {
  const right = match.logical.right;
  if (emptyLiteral(right)) return { text: textOf(match.source, right), importRequest: null };
  const value = unwrapTs(right);
  if (value.type !== "Identifier" && value.type !== "MemberExpression") return null;
  if (chainKey(value) === null) return null;
  let importRequest: ImportRequest | null = null;
  for (const { node, ancestors } of identifiersOf(value)) {
    const there = findBinding(node.name, [...match.ancestors, match.logical, ...ancestors]);
    const here = findBinding(node.name, culprit.siteAncestors);
    if (match.file === culprit.file) {
      // The same file: a module-level name must be the same one; a local one must exist here too.
      if (!there) {
        if (here) return null;
        continue;
      }
      if (!here) return null;
      if ((there.kind === "import" || there.kind === "function" || there.kind === "class") && there.identifier !== here.identifier) return null;
      continue;
    }
    // Another file: only module-level names imported from a repo module (or exported by that file).
    if (!there) {
      if (here) return null;
      continue;
    }
    if (there.kind !== "import") return null;
    const specifier = there.declaration.source?.value;
    const path = specifier ? resolveSpecifier(match.file, specifier, (candidate) => files.has(candidate)) : null;
    if (!path) return null;
    const spec = there.declaration.specifiers.find((item) => item.local.name === node.name);
    if (!spec || spec.type !== "ImportSpecifier" || (spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value) !== node.name) return null;
    if (here) {
      if (here.kind !== "import") return null;
      const ours = here.declaration.source?.value;
      if (!ours || resolveSpecifier(culprit.file, ours, (candidate) => files.has(candidate)) !== path) return null;
      continue;
    }
    importRequest = { name: node.name, fromPath: path, kind: "named" };
  }
  return { text: textOf(match.source, right), importRequest };
}

/** Fallbacks the code already uses for this value, best first: this file's own, then other files'. */
export async function findCodeFallbacks(
  repo: SourceReader,
  culprit: { file: string; source: string; program: t.Program; siteAncestors: readonly Node[]; crashOffset: number },
  wanted: FallbackWanted,
): Promise<CodeFallback[]> {
  if (wanted.key === null && wanted.tail === null) return [];
  const all = await repo.listFiles();
  const files = new Set(all);
  const matches = matchesIn(culprit.file, culprit.source, culprit.program, wanted, true).filter((match) => startOf(match.logical) !== culprit.crashOffset);
  if (wanted.tail !== null && !GENERIC_TAILS.has(wanted.tail)) {
    let read = 0;
    let scanned = 0;
    for (const path of all) {
      if (path === culprit.file || !SOURCE_FILE.test(path) || EXCLUDED.test(path)) continue;
      if (read >= MAX_FILES || scanned >= MAX_SCANNED) break;
      scanned += 1;
      const text = await repo.readFile(path);
      if (text === null || text.length > MAX_FILE_CHARS || !text.includes(`.${wanted.tail}`) || !/\?\?|\|\|/.test(text)) continue;
      read += 1;
      try {
        matches.push(...matchesIn(path, text, parseSource(path, text).program, wanted, false));
      } catch {
        continue;
      }
    }
  }
  const fallbacks: CodeFallback[] = [];
  const seen = new Set<string>();
  for (const match of matches) {
    const carried = carryOver(match, culprit, files);
    if (!carried) continue;
    const key = `${match.form}|${carried.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fit = match.file === culprit.file ? (match.exact ? 1 : 0.97) : 0.95;
    fallbacks.push({ form: match.form, text: carried.text, operator: match.logical.operator as "??" | "||", importRequest: carried.importRequest, exampleAt: `${match.file}:${match.logical.loc?.start.line ?? 0}`, fit });
  }
  return fallbacks.sort((a, b) => b.fit - a.fit).slice(0, 2);
}
