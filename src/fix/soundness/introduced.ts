import type * as t from "@babel/types";
import { type Node, lineOf, startOf, endOf, unwrapTs, walk } from "../ast-tools.ts";
import { chainKey, exits, presentWhenFalsy } from "./nullish-facts.ts";

// What a change brings into a file that can hide a missing value: optional links (`a?.b`),
// defaults (`= {}`, `?? []`), array normalizations (`Array.isArray(v) ? v : …`), early exits on a
// missing value (`if (!user) return …`), and filters. Found on the lines the change adds, whatever
// wrote the change, so the same checks hold for a pattern's candidate and a model's edit.

export interface OptionalLink {
  kind: "optional-link";
  node: t.OptionalMemberExpression | t.OptionalCallExpression;
  ancestors: readonly Node[];
  /** The chain the link guards: the object of `a?.b`, the callee of `f?.()`. */
  guarded: Node;
  /** The outermost node of the short-circuiting chain: its value is what may now be undefined. */
  chainEnd: Node;
  chainAncestors: readonly Node[];
}

export interface IntroducedDefault {
  kind: "default";
  /** `left = right` in a pattern, or `left ?? right` / `left || right`. */
  node: t.AssignmentPattern | t.LogicalExpression;
  ancestors: readonly Node[];
  value: Node;
}

export interface ArrayNormalization {
  kind: "array-normalization";
  node: t.ConditionalExpression;
  /** The value tested with Array.isArray. */
  value: Node;
  /** The branch taken when the value is not an array. */
  otherwise: Node;
}

export interface ArraySkip {
  kind: "array-skip";
  node: Node;
  value: Node;
}

export interface ExitGuard {
  kind: "exit-guard";
  node: t.IfStatement;
  ancestors: readonly Node[];
  /** Chains the guard proves present after it (the longest ones the test names). */
  keys: string[];
}

export interface TruthyFilter {
  kind: "truthy-filter";
  node: t.CallExpression;
}

export type Introduced = OptionalLink | IntroducedDefault | ArrayNormalization | ArraySkip | ExitGuard | TruthyFilter;

export interface ChangeLines {
  /** Lines (1-based, in the new text) the change adds or rewrites. */
  added: ReadonlySet<number>;
  /** The text of the lines it removes: a construct found there already existed. */
  removedText: string;
}

function isArrayIsArray(node: Node): Node | null {
  const value = unwrapTs(node);
  if (value.type !== "CallExpression" || chainKey(value.callee) !== "Array.isArray") return null;
  const first = value.arguments[0];
  return first && first.type !== "SpreadElement" && first.type !== "ArgumentPlaceholder" ? first : null;
}

function negated(node: Node): Node | null {
  const value = unwrapTs(node);
  return value.type === "UnaryExpression" && value.operator === "!" ? value.argument : null;
}

/** The longest chains in a set: `req.body.owner` rather than its prefixes `req` and `req.body`. */
function longest(keys: ReadonlySet<string>): string[] {
  return [...keys].filter((key) => ![...keys].some((other) => other !== key && (other.startsWith(`${key}.`) || other.startsWith(`${key}[`))));
}

function chainEndOf(node: Node, ancestors: readonly Node[]): { end: Node; ancestors: readonly Node[] } {
  let child: Node = node;
  let index = ancestors.length - 1;
  for (; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    const continues =
      (parent.type === "OptionalMemberExpression" && parent.object === child) ||
      (parent.type === "OptionalCallExpression" && parent.callee === child) ||
      (parent.type === "TSNonNullExpression" && (ancestors[index - 1]?.type === "OptionalMemberExpression" || ancestors[index - 1]?.type === "OptionalCallExpression"));
    if (!continues) break;
    child = parent;
  }
  return { end: child, ancestors: ancestors.slice(0, index + 1) };
}

/** `a || b` as a condition (`if (!x || !y)`), not as a value with a fallback. */
function isCondition(node: t.LogicalExpression, ancestors: readonly Node[]): boolean {
  const right = unwrapTs(node.right);
  if (right.type === "UnaryExpression" || right.type === "BinaryExpression" || right.type === "BooleanLiteral") return true;
  let child: Node = node;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    if (parent.type === "LogicalExpression" || parent.type === "ParenthesizedExpression") {
      child = parent;
      continue;
    }
    if (parent.type === "UnaryExpression" && parent.operator === "!") return true;
    return (parent.type === "IfStatement" || parent.type === "WhileStatement" || parent.type === "ConditionalExpression" || parent.type === "DoWhileStatement") && (parent as { test: Node }).test === child;
  }
  return false;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}

export function introducedConstructs(program: t.Program, source: string, lines: ChangeLines): Introduced[] {
  const found: Introduced[] = [];
  const removed = squeeze(lines.removedText);
  const isNew = (line: number, start: number, end: number): boolean => lines.added.has(line) && !removed.includes(squeeze(source.slice(start, end)));
  // A default is the operator and its value: `|| "free"` on a rewritten line may be old.
  const isNewDefault = (node: t.AssignmentPattern | t.LogicalExpression): boolean =>
    lines.added.has(lineOf(node.right)) && !removed.includes(squeeze(`${node.type === "AssignmentPattern" ? "=" : node.operator}${source.slice(startOf(node.right), endOf(node.right))}`));
  walk(program, (node, ancestors) => {
    switch (node.type) {
      case "OptionalMemberExpression":
      case "OptionalCallExpression": {
        if (!node.optional) return;
        const guarded = node.type === "OptionalMemberExpression" ? node.object : node.callee;
        const line = node.type === "OptionalMemberExpression" ? lineOf(node.property) : (guarded.loc?.end.line ?? 0);
        const end = node.type === "OptionalMemberExpression" ? endOf(node.property) : endOf(guarded) + 3;
        if (!isNew(line, startOf(guarded), end)) return;
        const chain = chainEndOf(node, ancestors);
        found.push({ kind: "optional-link", node, ancestors: [...ancestors], guarded, chainEnd: chain.end, chainAncestors: chain.ancestors });
        return;
      }
      case "AssignmentPattern":
        if (isNewDefault(node)) found.push({ kind: "default", node, ancestors: [...ancestors], value: node.right });
        return;
      case "LogicalExpression":
        if (node.operator === "&&") {
          const tested = isArrayIsArray(node.left);
          if (tested && isNew(lineOf(node), startOf(node.left), endOf(node.left))) found.push({ kind: "array-skip", node, value: tested });
          return;
        }
        if (node.operator === "||" && isCondition(node, ancestors)) return;
        if (isNewDefault(node)) found.push({ kind: "default", node, ancestors: [...ancestors], value: node.right });
        return;
      case "ConditionalExpression": {
        if (!isNew(lineOf(node.test), startOf(node), endOf(node))) return;
        const direct = isArrayIsArray(node.test);
        const inverse = negated(node.test);
        const inverted = inverse ? isArrayIsArray(inverse) : null;
        if (direct) found.push({ kind: "array-normalization", node, value: direct, otherwise: node.alternate });
        else if (inverted) found.push({ kind: "array-normalization", node, value: inverted, otherwise: node.consequent });
        return;
      }
      case "IfStatement": {
        if (!isNew(lineOf(node), startOf(node.test), endOf(node.test))) return;
        if (node.alternate || !exits(node.consequent)) return;
        const inverse = negated(node.test);
        const tested = inverse ? isArrayIsArray(inverse) : null;
        if (tested) {
          found.push({ kind: "array-skip", node, value: tested });
          return;
        }
        const keys = longest(presentWhenFalsy(node.test));
        if (keys.length > 0) found.push({ kind: "exit-guard", node, ancestors: [...ancestors], keys });
        return;
      }
      case "CallExpression": {
        const callee = unwrapTs(node.callee);
        const first = node.arguments[0];
        if (callee.type === "MemberExpression" && chainKey(callee.property) === "filter" && first?.type === "Identifier" && first.name === "Boolean" && isNew(lineOf(first), startOf(callee.property), endOf(node))) {
          found.push({ kind: "truthy-filter", node });
        }
        return;
      }
      default:
        return;
    }
  });
  return found;
}
