import type * as t from "@babel/types";
import {
  type Node,
  endOf,
  enclosingListStatement,
  findAll,
  findBinding,
  isPureChain,
  memberPropertyName,
  startOf,
  textOf,
  unwrapTs,
} from "../ast-tools.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixContext } from "../fix-context.ts";
import type { FixPattern } from "../fix-pattern.ts";
import type { AnswerNeed } from "../learned-answers.ts";
import { valueSource } from "../error-exits.ts";
import { findHandler } from "../request-handler.ts";
import { applySplices } from "../splice.ts";
import { chainKey } from "../soundness/nullish-facts.ts";
import { codeDefaultCandidates } from "./code-default-candidates.ts";
import { type GuardPlacement, type RepairEnv, answeringFunction, guardCandidates, repairEnv } from "./guard-candidates.ts";
import { type ValueOrigin, originOfValue } from "./value-origin.ts";
import { change, typeAdmits, where } from "./shared.ts";

// Class 1: a property read on undefined/null. The failing member expression is found at the
// culprit line (and column when known) by the property the message names (or, for a key only
// known at run time, the computed read on that line). Then several repairs are proposed, and the
// static soundness check and the reproduction pick among them:
// - the code's own fallback for that value, where another function already handles it missing;
// - an early exit where the value enters (right after the lookup, or before the request field is
//   first read), in the codebase's own not-found / bad-request idiom;
// - the same exit right before the statement that crashed;
// - optional chaining at the crash site, which soundness accepts only when the missing value is
//   merely tested afterwards.

const OPTIONAL_FIT = 0.4;
/** A bare, untyped parameter being nullish is usually the caller's bug: propose, do not insist. */
const PARAMETER_PENALTY = 0.1;

type Member = t.MemberExpression | t.OptionalMemberExpression;

function isMember(node: Node): node is Member {
  return node.type === "MemberExpression" || node.type === "OptionalMemberExpression";
}

function nearestColumn(candidates: { node: Member; ancestors: readonly Node[] }[], line: number, column: number | null): { node: Member; ancestors: readonly Node[] } | null {
  if (candidates.length === 0) return null;
  if (column === null || candidates.length === 1) return candidates.length === 1 || column !== null ? candidates[0]! : null;
  // Stack columns are 1-based; V8 points at the property or at the dot before it.
  const target = column - 1;
  const distance = (member: Member): number => {
    const property = member.property.loc?.start;
    if (!property || property.line !== line) return Number.POSITIVE_INFINITY;
    return Math.min(Math.abs(property.column - target), Math.abs(property.column - 1 - target));
  };
  return [...candidates].sort((a, b) => distance(a.node) - distance(b.node))[0]!;
}

/**
 * The member expression that threw: reads `subject` on the culprit line, nearest the column. When
 * no read names it, the message names a run-time key (`reading 'starter_monthly'` for
 * `PRICE_BOOK[currency][input.planId]`): the one computed read on the line with a dynamic key.
 */
export function findFailingMember(program: t.Program, line: number, column: number | null, subject: string): { node: Member; ancestors: readonly Node[] } | null {
  const onLine = findAll(program, isMember).filter(({ node }) => {
    if (node.type === "OptionalMemberExpression" && node.optional) return false; // already guarded: not the throw site
    return node.property.loc?.start.line === line || node.loc?.start.line === line;
  });
  const named = onLine.filter(({ node }) => memberPropertyName(node) === subject);
  if (named.length > 0) return nearestColumn(named, line, column) ?? named[0]!;
  const dynamic = onLine.filter(({ node }) => node.computed && node.property.type !== "StringLiteral" && node.property.type !== "NumericLiteral" && node.property.loc?.start.line === line);
  if (dynamic.length === 1) return dynamic[0]!;
  if (column !== null) return nearestColumn(dynamic, line, column);
  // `book[currency][planId]` without a column: the outer read is the one whose object can be missing.
  const outer = dynamic.filter(({ node }) => !dynamic.some((other) => other.node !== node && unwrapTs(other.node.object) === node));
  return outer.length === 1 && dynamic.every(({ node }) => node === outer[0]!.node || startOf(node) >= startOf(outer[0]!.node)) ? outer[0]! : null;
}

/**
 * A parameter typed as always present (`user: User`) that arrives undefined is the caller's bug;
 * guarding it here would hide that bug, so such reads are declined.
 */
function parameterRisk(object: Node, ancestors: readonly Node[]): "typed" | "untyped" | null {
  if (object.type !== "Identifier") return null;
  const binding = findBinding(object.name, ancestors);
  if (!binding || binding.kind !== "param") return null;
  const param = binding.param;
  if (param.type !== "Identifier") return "untyped";
  if (param.optional) return null;
  const annotation = param.typeAnnotation;
  if (!annotation || annotation.type !== "TSTypeAnnotation") return "untyped";
  return typeAdmits(annotation.typeAnnotation, "undefined") || typeAdmits(annotation.typeAnnotation, "null") ? null : "typed";
}

function isAssignmentTarget(member: Member, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  if (parent.type === "AssignmentExpression" && parent.left === member) return true;
  return parent.type === "UpdateExpression" || (parent.type === "UnaryExpression" && parent.operator === "delete");
}

/** Offset of the `.` (or `[`) that starts the failing property access. */
function accessOperatorOffset(source: string, member: Member): number | null {
  const between = source.slice(endOf(member.object), startOf(member.property));
  const operator = member.computed ? between.lastIndexOf("[") : between.lastIndexOf(".");
  if (operator < 0) return null;
  return endOf(member.object) + operator;
}

function optionalChaining(ctx: FixContext, member: Member, penalty: number): FixCandidate | null {
  const offset = accessOperatorOffset(ctx.source, member);
  if (offset === null) return null;
  const after = member.computed
    ? applySplices(ctx.source, [{ start: offset, end: offset, text: "?." }])
    : applySplices(ctx.source, [{ start: offset, end: offset + 1, text: "?." }]);
  const objectText = textOf(ctx.source, member.object);
  const property = memberPropertyName(member) ?? "property";
  const fit = OPTIONAL_FIT - penalty;
  return {
    patternId: propertyOfNullishPattern.id,
    baseConfidence: Math.round((0.78 + 0.12 * fit) * 1000) / 1000,
    summary: `Reads ${property} with optional chaining on ${objectText}, so a missing value yields undefined where the result is only tested or passed over, instead of throwing.`,
    rootCause: `${where(ctx, member.property.loc?.start.line)}: ${objectText} is ${ctx.classification.nullish ?? "undefined or null"} when .${property} is read.`,
    changes: change(ctx, after),
    style: "optional-chaining",
    expectation: { outcome: "completes", description: `the code runs past ${objectText}.${property} with undefined, which every later use only tests` },
    rank: { strategy: "optional", fit },
  };
}

/** What a missing value of this origin means to the code that answers: a record not found, a field the client did not send, or neither. */
export function needFor(origin: ValueOrigin, message: (noun: string) => string): AnswerNeed | null {
  if (origin.kind === "lookup") return { status: 404, kind: "not-found", noun: origin.noun, message: message(origin.noun) || `${origin.noun} not found`, variable: origin.variable, lookup: origin.lookup };
  if (origin.kind === "request") return { status: 400, kind: "bad-request", noun: origin.noun, message: `${origin.noun} is required`, variable: origin.variable, lookup: null };
  return null;
}

function guardsFor(env: RepairEnv, member: Member, ancestors: readonly Node[], origin: ValueOrigin, subject: string): FixCandidate[] {
  const { ctx } = env;
  const object = unwrapTs(member.object);
  const objectText = textOf(ctx.source, object);
  const property = memberPropertyName(member) ?? subject;
  const need = needFor(origin, (noun) => `${noun} not found`);
  const crash = enclosingListStatement(member, ancestors);
  const placements: { placement: GuardPlacement; strategy: "source-guard" | "early-exit" }[] = [];
  if (origin.source) placements.push({ placement: origin.source, strategy: "source-guard" });
  if (crash && (!origin.source || origin.source.statement !== crash.statement)) {
    const crashAncestors = ancestors.slice(0, crash.index + 1);
    if (declaredBefore(object, crashAncestors, startOf(crash.statement))) {
      placements.push({ placement: { statement: crash.statement, where: "before", ancestors: crashAncestors, phrase: "before the statement that reads it" }, strategy: "early-exit" });
    }
  }
  const rootCause = origin.kind === "lookup" && origin.source
    ? `${where(ctx, member.property.loc?.start.line)}: the lookup at ${where(ctx, origin.source.statement.loc?.start.line)} returned ${ctx.classification.nullish ?? "nothing"} for ${objectText}, and the code read .${property} of it.`
    : origin.kind === "request"
      ? `${where(ctx, member.property.loc?.start.line)}: the request carried no ${objectText} (${ctx.classification.nullish ?? "undefined"}), and the code read .${property} of it.`
      : `${where(ctx, member.property.loc?.start.line)}: ${objectText} is ${ctx.classification.nullish ?? "undefined or null"} when .${property} is read.`;
  const init = origin.declarator?.id.type === "Identifier" ? origin.declarator.init : null;
  const withValue = need ? { ...need, value: { name: objectText, source: valueSource(init ?? object, ctx.source) } } : null;
  // A field the client may send empty ("", 0) is only missing when it is null or undefined.
  const missing = origin.kind === "request" ? `${objectText} == null` : `!${objectText}`;
  const candidates: FixCandidate[] = [];
  for (const { placement, strategy } of placements) {
    candidates.push(
      ...guardCandidates(env, {
        patternId: propertyOfNullishPattern.id,
        missing,
        missingNullish: `${objectText} == null`,
        placement,
        need: withValue,
        strategy,
        rootCause,
        read: `.${property} of it`,
      }),
    );
  }
  return candidates;
}

/** The chain's root is declared before the insertion point (no temporal-dead-zone read). */
export function declaredBefore(expression: Node, ancestors: readonly Node[], offset: number): boolean {
  let root: Node = unwrapTs(expression);
  while (isMember(root)) root = unwrapTs(root.object);
  if (root.type === "ThisExpression") return true;
  if (root.type !== "Identifier") return false;
  const binding = findBinding(root.name, ancestors);
  if (!binding) return root.name !== "undefined"; // a global
  if (binding.kind === "const" || binding.kind === "let") return endOf(binding.declaration) <= offset;
  return true;
}

export const propertyOfNullishPattern: FixPattern = {
  id: "property-of-nullish",
  errorClass: "property-of-nullish",
  baseConfidence: 0.88,
  description: "A property read on undefined/null: the code's own fallback, an early exit in the code's own idiom where the value enters or at the crash, or optional chaining where the value is only tested.",
  async generate(ctx) {
    const subject = ctx.classification.subject;
    if (!subject) return [];
    const env = await repairEnv(ctx);
    if (!env) return [];
    const found = findFailingMember(env.parsed.program, ctx.culprit.line, ctx.culprit.column, subject);
    if (!found) return [];
    const { node: member, ancestors } = found;
    const object = unwrapTs(member.object);
    if (!isPureChain(object)) return [];
    const handler = findHandler(ancestors, env.knowledge);
    const risk = parameterRisk(object, ancestors);
    if (risk === "typed" && !handler) return [];
    const penalty = risk === "untyped" ? PARAMETER_PENALTY : 0;
    const origin = originOfValue(env, object, ancestors, handler);
    const candidates: FixCandidate[] = [];
    const key = chainKey(object);
    candidates.push(...(await codeDefaultCandidates(env, { patternId: propertyOfNullishPattern.id, value: object, ancestors, origin, property: memberPropertyName(member), member, key })));
    candidates.push(...guardsFor(env, member, ancestors, origin, subject));
    // `a?.b = 1` is not valid code: writes can only be guarded.
    if (!isAssignmentTarget(member, ancestors) && answeringFunction(ancestors)) {
      const optional = optionalChaining(ctx, member, penalty);
      if (optional) candidates.push(optional);
    }
    return candidates.map((candidate) => (penalty > 0 && candidate.style === "early-return" ? { ...candidate, baseConfidence: candidate.baseConfidence - penalty } : candidate));
  },
};

