import type * as t from "@babel/types";
import { type Node, endOf, memberPropertyName, startOf, textOf, unwrapTs } from "../ast-tools.ts";
import { importSplice } from "../add-import.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import { chainKey } from "../soundness/nullish-facts.ts";
import { type Splice, applySplices } from "../splice.ts";
import { type CodeFallback, type FallbackWanted, findCodeFallbacks } from "./code-default.ts";
import type { RepairEnv } from "./guard-candidates.ts";
import type { ValueOrigin } from "./value-origin.ts";
import { change, where } from "./shared.ts";

// Candidates that give a missing value the fallback the code already uses for it elsewhere,
// placed where the value enters when it is a named value (`const fee = config.fees[tier] ??
// config.fees.standard`), else where it is read (`(s.preferences ?? DEFAULT_PREFERENCES).topics`).

export interface CodeDefaultRequest {
  patternId: string;
  /** The value that was missing. */
  value: Node;
  ancestors: readonly Node[];
  origin: ValueOrigin;
  /** The property the crash read from it. */
  property: string | null;
  /** The failing read, for the `value?.property ?? F` form. */
  member: t.MemberExpression | t.OptionalMemberExpression | null;
  key: string | null;
}

/** Lower precedence than `??` (or not allowed to mix with it): needs parentheses around it. */
export function needsParens(node: Node): boolean {
  return ["LogicalExpression", "ConditionalExpression", "AssignmentExpression", "SequenceExpression", "ArrowFunctionExpression", "YieldExpression", "TSAsExpression", "TSSatisfiesExpression", "AwaitExpression"].includes(node.type) && (node.extra as { parenthesized?: boolean } | undefined)?.parenthesized !== true;
}

/** Where an expression stands alone (a declaration's value, an argument): `a ?? b` needs no parentheses there. */
function standsAlone(node: Node, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  if (parent.type === "VariableDeclarator" && parent.init === node) return true;
  if (parent.type === "AssignmentExpression" && parent.right === node) return true;
  if (parent.type === "ReturnStatement" || parent.type === "ExpressionStatement") return true;
  if (parent.type === "ObjectProperty" && parent.value === node) return true;
  if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.includes(node as t.Expression)) return true;
  if ((parent.type === "ForOfStatement" && parent.right === node) || parent.type === "SpreadElement") return true;
  return parent.type === "ArrowFunctionExpression" && parent.body === node;
}

function tailOf(node: Node): string | null {
  const value = unwrapTs(node);
  return value.type === "MemberExpression" || value.type === "OptionalMemberExpression" ? memberPropertyName(value) : null;
}

export async function codeDefaultCandidates(env: RepairEnv, request: CodeDefaultRequest): Promise<FixCandidate[]> {
  const { ctx, parsed } = env;
  const candidates: FixCandidate[] = [];
  const crashOffset = request.member ? startOf(request.member) : startOf(request.value);
  const culprit = { file: ctx.culprit.file, source: ctx.source, program: parsed.program, siteAncestors: request.ancestors, crashOffset };
  const init = request.origin.declarator?.id.type === "Identifier" ? (request.origin.declarator.init ?? null) : null;
  const wanted: FallbackWanted[] = [];
  // A named value: its own name, and the expression it was given.
  if (init) wanted.push({ key: request.key, tail: null, property: null }, { key: chainKey(init), tail: tailOf(init), property: null });
  else wanted.push({ key: request.key, tail: tailOf(request.value), property: request.property });
  const seen = new Set<string>();
  for (const item of wanted) {
    for (const fallback of await findCodeFallbacks(ctx.repo, culprit, item)) {
      const made = place(env, request, fallback, init);
      if (!made || seen.has(made.after)) continue;
      seen.add(made.after);
      const valueText = textOf(ctx.source, request.value);
      candidates.push({
        patternId: request.patternId,
        baseConfidence: Math.round((0.78 + 0.12 * fallback.fit) * 1000) / 1000,
        summary: `Falls back to ${fallback.text} when ${valueText} is missing, as ${fallback.exampleAt} already does for the same value${request.property ? `, instead of reading .${request.property} of nothing` : ""}.`,
        rootCause: `${where(ctx, request.member?.property.loc?.start.line)}: ${valueText} is ${ctx.classification.nullish ?? "undefined or null"} here, a case ${fallback.exampleAt} handles with ${fallback.text}.`,
        changes: change(ctx, made.after),
        style: "code-default",
        expectation: { outcome: "completes", description: `a missing ${valueText} means ${fallback.text}, as at ${fallback.exampleAt}, and the code completes with it` },
        rank: { strategy: init ? "source-guard" : "default", fit: fallback.fit },
      });
    }
  }
  return candidates;
}

function place(env: RepairEnv, request: CodeDefaultRequest, fallback: CodeFallback, init: Node | null): { after: string } | null {
  const { ctx, parsed } = env;
  const splices: Splice[] = [];
  if (fallback.importRequest) {
    const planned = importSplice(ctx.culprit.file, ctx.source, parsed.program, parsed.style, fallback.importRequest);
    if (!planned) return null;
    splices.push(planned.splice);
  }
  const operator = fallback.operator;
  if (fallback.form === "nullish" && init) {
    // Where the value enters: `const fee = config.fees[tier] ?? config.fees.standard`.
    if (needsParens(unwrapTs(init)) || unwrapTs(init).type === "LogicalExpression") {
      splices.push({ start: startOf(init), end: startOf(init), text: "(" }, { start: endOf(init), end: endOf(init), text: `) ${operator} ${fallback.text}` });
    } else {
      splices.push({ start: endOf(init), end: endOf(init), text: ` ${operator} ${fallback.text}` });
    }
    return { after: applySplices(ctx.source, splices) };
  }
  if (fallback.form === "nullish") {
    const value = request.value;
    const text = `${textOf(ctx.source, value)} ${operator} ${fallback.text}`;
    splices.push({ start: startOf(value), end: endOf(value), text: standsAlone(value, request.ancestors) ? text : `(${text})` });
    return { after: applySplices(ctx.source, splices) };
  }
  // `value?.property ?? F` where the crash read `value.property`.
  const member = request.member;
  if (!member || init) return null;
  const ancestors = request.ancestors;
  const read = `${textOf(ctx.source, member.object)}?.${textOf(ctx.source, member.property)}`;
  if (member.computed) return null;
  const text = `${read} ${operator} ${fallback.text}`;
  splices.push({ start: startOf(member), end: endOf(member), text: standsAlone(member, ancestors) ? text : `(${text})` });
  return { after: applySplices(ctx.source, splices) };
}
