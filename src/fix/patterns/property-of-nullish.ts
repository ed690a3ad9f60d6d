import type * as t from "@babel/types";
import {
  type FunctionNode,
  type Node,
  endOf,
  enclosingListStatement,
  findAll,
  findBinding,
  humanize,
  insertAfterStatement,
  insertBeforeStatement,
  isPureChain,
  memberPropertyName,
  nearestFunction,
  startOf,
  textOf,
  unwrapTs,
} from "../ast-tools.ts";
import { errorResponse, guardLines } from "../error-response.ts";
import { findHandler } from "../request-handler.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixContext } from "../fix-context.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { type ResponseKnowledge, findResponseHelpers } from "../response-helpers.ts";
import { applySplices } from "../splice.ts";
import {
  type ParsedFile,
  canAnswerFrom,
  change,
  declaredReturnType,
  earlyReturnStatement,
  isLookupInit,
  isRequestDerived,
  locate,
  loopBetween,
  nounOf,
  ownReturns,
  parseCulprit,
  typeAdmits,
  where,
} from "./shared.ts";
import { siblingGuard } from "./sibling-guard.ts";

// Class 1: a property read on undefined/null. The failing member expression is found at the
// culprit line (and column when known) by the property the message names; the fix depends on
// where the code is: an early 4xx in a request handler when a looked-up record or a request
// field is missing, optional chaining where undefined is acceptable downstream, or an early
// return the function's return type already allows.

const CONFIDENCE = { earlyResponse: 0.88, optionalChaining: 0.86, earlyReturn: 0.84 } as const;
/** A bare, untyped parameter being nullish is usually the caller's bug: propose, do not insist. */
const PARAMETER_PENALTY = 0.1;

type Member = t.MemberExpression | t.OptionalMemberExpression;

function isMember(node: Node): node is Member {
  return node.type === "MemberExpression" || node.type === "OptionalMemberExpression";
}

/** The member expression that threw: reads `subject` on the culprit line, nearest the column. */
export function findFailingMember(program: t.Program, line: number, column: number | null, subject: string): { node: Member; ancestors: readonly Node[] } | null {
  const candidates = findAll(program, isMember).filter(({ node }) => {
    if (memberPropertyName(node) !== subject) return false;
    if (node.type === "OptionalMemberExpression" && node.optional) return false; // already guarded: not the throw site
    return node.property.loc?.start.line === line || node.loc?.start.line === line;
  });
  if (candidates.length === 0) return null;
  if (column === null || candidates.length === 1) return candidates[0]!;
  // Stack columns are 1-based; V8 points at the property or at the dot before it.
  const target = column - 1;
  const distance = (member: Member): number => {
    const property = member.property.loc?.start;
    if (!property || property.line !== line) return Number.POSITIVE_INFINITY;
    return Math.min(Math.abs(property.column - target), Math.abs(property.column - 1 - target));
  };
  return [...candidates].sort((a, b) => distance(a.node) - distance(b.node))[0]!;
}

/** Where the value of the whole chain around `member` goes, and whether undefined is fine there. */
function flowAcceptsUndefined(member: Member, ancestors: readonly Node[]): boolean {
  let node: Node = member;
  let index = ancestors.length - 1;
  for (; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    if (isMember(parent) && parent.object === node) node = parent;
    else if ((parent.type === "CallExpression" || parent.type === "OptionalCallExpression") && parent.callee === node) node = parent;
    else if (parent.type === "TSNonNullExpression" || parent.type === "AwaitExpression" || parent.type === "ParenthesizedExpression") node = parent;
    else break;
  }
  const parent = ancestors[index];
  if (!parent) return false;
  switch (parent.type) {
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ConditionalExpression":
    case "ForStatement":
      return "test" in parent && parent.test === node;
    case "LogicalExpression":
    case "JSXExpressionContainer":
      return true;
    case "UnaryExpression":
      return parent.operator === "!" || parent.operator === "typeof" || parent.operator === "void";
    case "BinaryExpression":
      return ["===", "!==", "==", "!="].includes(parent.operator);
    case "ExpressionStatement":
      return true;
    case "ObjectProperty":
      return parent.value === node;
    case "VariableDeclarator":
      return parent.init === node && parent.id.type === "Identifier" && !parent.id.typeAnnotation;
    case "ReturnStatement":
    case "ArrowFunctionExpression": {
      if (parent.type === "ArrowFunctionExpression" && parent.body !== node) return false;
      const fn = parent.type === "ArrowFunctionExpression" ? parent : nearestFunction(ancestors.slice(0, index))?.fn;
      if (!fn) return true;
      const declared = declaredReturnType(fn);
      if (declared) return typeAdmits(declared, "undefined");
      // Untyped: a function that elsewhere returns a literal array, object, number or boolean has a
      // shape its callers rely on; undefined would break it one call later.
      return !ownReturns(fn).some((statement) => {
        const value = statement.argument ? unwrapTs(statement.argument) : null;
        return !!value && ["ArrayExpression", "ObjectExpression", "NumericLiteral", "BooleanLiteral"].includes(value.type);
      });
    }
    case "CallExpression": {
      // Logging accepts anything; any other callee may not.
      const callee = unwrapTs(parent.callee);
      return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "console";
    }
    default:
      return false;
  }
}

/** Offset of the `.` (or `[`) that starts the failing property access. */
function accessOperatorOffset(source: string, member: Member): number | null {
  const between = source.slice(endOf(member.object), startOf(member.property));
  const operator = member.computed ? between.lastIndexOf("[") : between.lastIndexOf(".");
  if (operator < 0) return null;
  return endOf(member.object) + operator;
}

function optionalChaining(ctx: FixContext, member: Member, ancestors: readonly Node[], penalty: number): FixCandidate | null {
  if (!flowAcceptsUndefined(member, ancestors)) return null;
  const offset = accessOperatorOffset(ctx.source, member);
  if (offset === null) return null;
  const after = member.computed
    ? applySplices(ctx.source, [{ start: offset, end: offset, text: "?." }])
    : applySplices(ctx.source, [{ start: offset, end: offset + 1, text: "?." }]);
  const objectText = textOf(ctx.source, member.object);
  const property = memberPropertyName(member) ?? "property";
  return {
    patternId: propertyOfNullishPattern.id,
    baseConfidence: CONFIDENCE.optionalChaining - penalty,
    summary: `Reads ${property} with optional chaining on ${objectText}, so a missing value yields undefined where the result is only tested or passed on, instead of throwing.`,
    rootCause: `${where(ctx, member.property.loc?.start.line)}: ${objectText} is ${ctx.classification.nullish ?? "undefined or null"} when .${property} is read.`,
    changes: change(ctx, after),
    style: "optional-chaining",
  };
}

function earlyReturn(ctx: FixContext, parsed: ParsedFile, member: Member, ancestors: readonly Node[], penalty: number): FixCandidate | null {
  const object = unwrapTs(member.object);
  if (!isPureChain(object)) return null;
  const held = enclosingListStatement(member, ancestors);
  if (!held) return null;
  const statementAncestors = ancestors.slice(0, held.index + 1);
  const owner = nearestFunction(statementAncestors);
  if (!owner || loopBetween(statementAncestors, owner.fn)) return null;
  const returned = earlyReturnStatement(owner.fn, parsed.style);
  if (!returned) return null;
  if (!declaredBefore(object, statementAncestors, startOf(held.statement))) return null;
  const objectText = textOf(ctx.source, object);
  const lines = guardLines(`${objectText} == null`, [returned], parsed.style);
  const after = applySplices(ctx.source, [insertBeforeStatement(ctx.source, held.statement, lines, parsed.style)]);
  const fnName = functionName(owner.fn, statementAncestors);
  return {
    patternId: propertyOfNullishPattern.id,
    baseConfidence: CONFIDENCE.earlyReturn - penalty,
    summary: `Returns early from ${fnName} when ${objectText} is missing, with the value (${returned.replace(/;$/, "")}) the function already returns for "nothing", before the statement that reads it.`,
    rootCause: `${where(ctx, member.property.loc?.start.line)}: ${objectText} is ${ctx.classification.nullish ?? "undefined or null"} when .${memberPropertyName(member) ?? "property"} is read in ${fnName}.`,
    changes: change(ctx, after),
    style: "early-return",
  };
}

/** The chain's root is declared before the insertion point (no temporal-dead-zone read). */
function declaredBefore(expression: Node, ancestors: readonly Node[], offset: number): boolean {
  let root: Node = unwrapTs(expression);
  while (isMember(root)) root = unwrapTs(root.object);
  if (root.type === "ThisExpression") return true;
  if (root.type !== "Identifier") return false;
  const binding = findBinding(root.name, ancestors);
  if (!binding) return root.name !== "undefined"; // a global
  if (binding.kind === "const" || binding.kind === "let") return endOf(binding.declaration) <= offset;
  return true;
}

function functionName(fn: FunctionNode, ancestors: readonly Node[]): string {
  if ((fn.type === "FunctionDeclaration" || fn.type === "FunctionExpression") && fn.id) return fn.id.name;
  if ((fn.type === "ClassMethod" || fn.type === "ObjectMethod") && fn.key.type === "Identifier") return fn.key.name;
  const parent = ancestors[ancestors.indexOf(fn) - 1];
  if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  return "the function";
}

function earlyResponse(ctx: FixContext, parsed: ParsedFile, member: Member, ancestors: readonly Node[], knowledge: ResponseKnowledge): FixCandidate | null {
  const handler = findHandler(ancestors, knowledge);
  if (!handler) return null;
  const object = unwrapTs(member.object);
  if (!isPureChain(object)) return null;
  const objectText = textOf(ctx.source, object);

  // A record looked up by the handler: answer 404 right after the lookup.
  if (object.type === "Identifier") {
    const binding = findBinding(object.name, ancestors);
    if (binding && (binding.kind === "const" || binding.kind === "let") && binding.declarator.init && !isRequestDerived(binding.declarator.init, handler, ancestors) && isLookupInit(binding.declarator.init)) {
      const declarationAncestors = locate(parsed.program, binding.declaration);
      if (!declarationAncestors) return null;
      const held = enclosingListStatement(binding.declaration, declarationAncestors);
      if (!held || held.statement !== binding.declaration || !canAnswerFrom(handler, declarationAncestors)) return null;
      const noun = humanize(object.name);
      const site = { ancestors: declarationAncestors, offset: endOf(binding.declaration) };
      // The file's own guard after a similar lookup beats any idiom inferred from its responses.
      const sibling = siblingGuard(handler, parsed.program, ctx.source, parsed.style, object.name, binding.declarator.init, site, knowledge);
      const response = sibling ? null : errorResponse(handler, parsed.program, { status: 404, message: `${noun} not found`, subject: noun }, parsed.style, ctx.source, site, knowledge);
      const lines = sibling ? sibling.lines : guardLines(`!${objectText}`, response!.lines, parsed.style);
      const after = applySplices(ctx.source, [insertAfterStatement(ctx.source, binding.declaration, lines, parsed.style), ...(response?.splices ?? [])]);
      const how = sibling ? `with the file's own guard (${sibling.callee}(...), as its other handlers answer a missing record)` : "in the handler's own response style";
      return {
        patternId: propertyOfNullishPattern.id,
        baseConfidence: CONFIDENCE.earlyResponse,
        summary: `Answers 404 "${noun} not found" right after ${objectText} is looked up, ${how}, instead of reading .${memberPropertyName(member)} of a missing record.`,
        rootCause: `${where(ctx, member.property.loc?.start.line)}: the lookup at ${where(ctx, binding.declaration.loc?.start.line)} returned ${ctx.classification.nullish ?? "nothing"} for ${objectText}, and the handler read .${memberPropertyName(member)} of it.`,
        changes: change(ctx, after),
        style: "early-response",
      };
    }
  }

  // A field the client should have sent: answer 400 before the statement that reads it.
  if (!isRequestDerived(object, handler, ancestors)) return null;
  const held = enclosingListStatement(member, ancestors);
  if (!held) return null;
  const statementAncestors = ancestors.slice(0, held.index + 1);
  if (!canAnswerFrom(handler, statementAncestors) || !declaredBefore(object, statementAncestors, startOf(held.statement))) return null;
  const noun = humanize(nounOf(object));
  const response = errorResponse(handler, parsed.program, { status: 400, message: `${noun} is required` }, parsed.style, ctx.source, { ancestors: statementAncestors, offset: startOf(held.statement) }, knowledge);
  const lines = guardLines(`!${objectText}`, response.lines, parsed.style);
  const after = applySplices(ctx.source, [insertBeforeStatement(ctx.source, held.statement, lines, parsed.style), ...response.splices]);
  return {
    patternId: propertyOfNullishPattern.id,
    baseConfidence: CONFIDENCE.earlyResponse,
    summary: `Answers 400 "${noun} is required" in the handler's own response style when the request lacks ${objectText}, instead of reading .${memberPropertyName(member)} of it.`,
    rootCause: `${where(ctx, member.property.loc?.start.line)}: the request carried no ${objectText} (${ctx.classification.nullish ?? "undefined"}), and the handler read .${memberPropertyName(member)} of it.`,
    changes: change(ctx, after),
    style: "early-response",
  };
}

/**
 * A parameter typed as always present (`user: User`) that arrives undefined is the caller's bug;
 * guarding it here would hide that bug, so such reads are declined.
 */
function parameterRisk(member: Member, ancestors: readonly Node[]): "typed" | "untyped" | null {
  const object = unwrapTs(member.object);
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

export const propertyOfNullishPattern: FixPattern = {
  id: "property-of-nullish",
  errorClass: "property-of-nullish",
  baseConfidence: CONFIDENCE.earlyResponse,
  description: "A property read on undefined/null: early 4xx in a request handler, else optional chaining or an early return the function's type allows.",
  async generate(ctx) {
    const subject = ctx.classification.subject;
    if (!subject) return [];
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const found = findFailingMember(parsed.program, ctx.culprit.line, ctx.culprit.column, subject);
    if (!found) return [];
    const { node: member, ancestors } = found;
    const knowledge = await findResponseHelpers(parsed.program, ctx.culprit.file, ctx.repo);
    const response = earlyResponse(ctx, parsed, member, ancestors, knowledge);
    const inHandler = findHandler(ancestors, knowledge) !== null;
    const risk = response ? null : parameterRisk(member, ancestors);
    if (risk === "typed" && !inHandler) return [];
    const penalty = risk === "untyped" ? PARAMETER_PENALTY : 0;
    const candidates: FixCandidate[] = [];
    if (response) candidates.push(response);
    // `a?.b = 1` is not valid code: writes can only be guarded.
    const optional = isAssignmentTarget(member, ancestors) ? null : optionalChaining(ctx, member, ancestors, penalty);
    if (optional) candidates.push(optional);
    // Returning early from a handler would leave the request unanswered.
    if (!inHandler) {
      const early = earlyReturn(ctx, parsed, member, ancestors, penalty);
      if (early) candidates.push(early);
    }
    return candidates;
  },
};

function isAssignmentTarget(member: Member, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  if (parent.type === "AssignmentExpression" && parent.left === member) return true;
  return parent.type === "UpdateExpression" || (parent.type === "UnaryExpression" && parent.operator === "delete");
}
