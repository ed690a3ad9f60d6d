import type * as t from "@babel/types";
import {
  type Node,
  endOf,
  enclosingListStatement,
  findAll,
  humanize,
  insertBeforeStatement,
  isFunctionNode,
  isPureChain,
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
import { type Splice, applySplices } from "../splice.ts";
import { type ParsedFile, canAnswerFrom, change, earlyReturnStatement, isRequestDerived, loopBetween, nounOf, parseCulprit, where } from "./shared.ts";

// Class 7: destructuring undefined/null (`const { id } = req.body` without a body parser,
// `function f({ a })` called with nothing). In a handler a missing request part is a 400 in the
// handler's style; elsewhere an empty-object default (`?? {}` / `= {}`) in JavaScript, or an
// early return the function's type allows.

const CONFIDENCE = { earlyResponse: 0.88, earlyReturn: 0.84, defaultValue: 0.82 } as const;
/** In TypeScript `x ?? {}` makes every destructured name possibly undefined, so later uses may stop typechecking; validation decides. */
const TYPESCRIPT_DEFAULT_PENALTY = 0.12;

interface Site {
  pattern: t.ObjectPattern | t.ArrayPattern;
  /** The destructured value: the declarator's init, or null for a parameter. */
  init: Node | null;
  declarator: t.VariableDeclarator | null;
  param: { fn: t.Function; index: number } | null;
  ancestors: readonly Node[];
}

function patternHasKey(pattern: t.ObjectPattern | t.ArrayPattern, key: string | null): boolean {
  if (key === null || pattern.type === "ArrayPattern") return true;
  return pattern.properties.some((property) => {
    if (property.type !== "ObjectProperty") return false;
    if (property.key.type === "Identifier" && !property.computed) return property.key.name === key;
    return property.key.type === "StringLiteral" && property.key.value === key;
  });
}

/** A destructuring written over several lines is reported at one of them. */
function spansLine(node: Node, line: number): boolean {
  return !!node.loc && node.loc.start.line <= line && node.loc.end.line >= line;
}

function findSite(program: t.Program, line: number, subject: string | null): Site | null {
  const declarators = findAll(program, (node): node is t.VariableDeclarator => node.type === "VariableDeclarator").filter(
    ({ node }) => (node.id.type === "ObjectPattern" || node.id.type === "ArrayPattern") && spansLine(node, line) && patternHasKey(node.id, subject),
  );
  const declarator = declarators[0];
  if (declarator && declarators.length === 1) {
    const pattern = declarator.node.id as t.ObjectPattern | t.ArrayPattern;
    return { pattern, init: declarator.node.init ?? null, declarator: declarator.node, param: null, ancestors: declarator.ancestors };
  }
  if (declarators.length > 1) return null;
  // Parameters: V8 reports the function's own line for a destructured parameter.
  const functions = findAll(program, isFunctionNode);
  for (const { node: fn, ancestors } of functions) {
    for (let index = 0; index < fn.params.length; index += 1) {
      const param = fn.params[index]!;
      if (param.type === "ObjectPattern" && param.loc?.start.line === line && patternHasKey(param, subject)) {
        return { pattern: param, init: null, declarator: null, param: { fn, index }, ancestors: [...ancestors, fn] };
      }
    }
  }
  return null;
}

/** Lower precedence than `??` (or not allowed to mix with it): needs parentheses before `?? {}`. */
function needsParens(node: Node): boolean {
  return [
    "LogicalExpression",
    "ConditionalExpression",
    "AssignmentExpression",
    "SequenceExpression",
    "ArrowFunctionExpression",
    "YieldExpression",
    "TSAsExpression",
    "TSSatisfiesExpression",
  ].includes(node.type);
}

function defaultValue(ctx: FixContext, site: Site): FixCandidate | null {
  const typescript = /\.(ts|tsx|mts|cts)$/.test(ctx.culprit.file);
  const penalty = typescript ? TYPESCRIPT_DEFAULT_PENALTY : 0;
  const empty = site.pattern.type === "ArrayPattern" ? "[]" : "{}";
  if (site.declarator && site.init) {
    const init = site.init;
    const parenthesized = (init.extra as { parenthesized?: boolean } | undefined)?.parenthesized === true;
    const splices: Splice[] = [];
    if (needsParens(init) && !parenthesized) {
      splices.push({ start: startOf(init), end: startOf(init), text: "(" }, { start: endOf(init), end: endOf(init), text: `) ?? ${empty}` });
    } else {
      // The declarator ends after any closing parenthesis around the value.
      splices.push({ start: endOf(site.declarator), end: endOf(site.declarator), text: ` ?? ${empty}` });
    }
    const after = applySplices(ctx.source, splices);
    const initText = textOf(ctx.source, init);
    return {
      patternId: destructureNullishPattern.id,
      baseConfidence: CONFIDENCE.defaultValue - penalty,
      summary: `Destructures from ${initText} ?? ${empty}, so a missing value leaves the destructured names undefined instead of throwing.`,
      rootCause: `${where(ctx, site.declarator.loc?.start.line)}: ${initText} is ${ctx.classification.nullish ?? "undefined or null"} when it is destructured.`,
      changes: change(ctx, after),
      style: "default-value",
    };
  }
  if (site.param) {
    // A typed parameter (`{ a }: Options`) would need a default that satisfies its type: decline.
    if (site.pattern.typeAnnotation) return null;
    const after = applySplices(ctx.source, [{ start: endOf(site.pattern), end: endOf(site.pattern), text: ` = ${empty}` }]);
    return {
      patternId: destructureNullishPattern.id,
      baseConfidence: CONFIDENCE.defaultValue - penalty,
      summary: `Gives the destructured parameter a default of ${empty}, so a call without that argument leaves its fields undefined instead of throwing.`,
      rootCause: `${where(ctx, site.pattern.loc?.start.line)}: the function was called without its destructured argument (${ctx.classification.nullish ?? "undefined"}).`,
      changes: change(ctx, after),
      style: "default-value",
    };
  }
  return null;
}

function guardTarget(site: Site): { statement: t.Statement; ancestors: readonly Node[]; init: Node } | null {
  if (!site.declarator || !site.init) return null;
  const init = unwrapTs(site.init);
  if (!isPureChain(init)) return null;
  const declarationIndex = site.ancestors.length - 1;
  const declaration = site.ancestors[declarationIndex];
  if (!declaration || declaration.type !== "VariableDeclaration") return null;
  const held = enclosingListStatement(declaration, site.ancestors.slice(0, declarationIndex));
  if (!held) return null;
  return { statement: held.statement, ancestors: site.ancestors.slice(0, held.index + 1), init };
}

function earlyResponse(ctx: FixContext, parsed: ParsedFile, site: Site, knowledge: ResponseKnowledge): FixCandidate | null {
  const target = guardTarget(site);
  if (!target) return null;
  const handler = findHandler(target.ancestors, knowledge);
  if (!handler || !isRequestDerived(target.init, handler, target.ancestors) || !canAnswerFrom(handler, target.ancestors)) return null;
  const initText = textOf(ctx.source, target.init);
  const noun = humanize(nounOf(target.init));
  const response = errorResponse(handler, parsed.program, { status: 400, message: `${noun} is required` }, parsed.style, ctx.source, { ancestors: target.ancestors, offset: startOf(target.statement) }, knowledge);
  const after = applySplices(ctx.source, [insertBeforeStatement(ctx.source, target.statement, guardLines(`!${initText}`, response.lines, parsed.style), parsed.style), ...response.splices]);
  return {
    patternId: destructureNullishPattern.id,
    baseConfidence: CONFIDENCE.earlyResponse,
    summary: `Answers 400 "${noun} is required" in the handler's own response style when the request has no ${initText}, before destructuring it.`,
    rootCause: `${where(ctx, site.declarator?.loc?.start.line)}: the request arrived without ${initText} (${ctx.classification.nullish ?? "undefined"}), and the handler destructured it.`,
    changes: change(ctx, after),
    style: "early-response",
  };
}

function earlyReturn(ctx: FixContext, parsed: ParsedFile, site: Site, knowledge: ResponseKnowledge): FixCandidate | null {
  const target = guardTarget(site);
  if (!target || findHandler(target.ancestors, knowledge)) return null;
  const owner = nearestFunction(target.ancestors);
  if (!owner || loopBetween(target.ancestors, owner.fn)) return null;
  const returned = earlyReturnStatement(owner.fn, parsed.style);
  if (!returned) return null;
  const initText = textOf(ctx.source, target.init);
  const after = applySplices(ctx.source, [insertBeforeStatement(ctx.source, target.statement, guardLines(`${initText} == null`, [returned], parsed.style), parsed.style)]);
  return {
    patternId: destructureNullishPattern.id,
    baseConfidence: CONFIDENCE.earlyReturn,
    summary: `Returns early (${returned.replace(/;$/, "")}, which the function already returns for "nothing") when ${initText} is missing, before destructuring it.`,
    rootCause: `${where(ctx, site.declarator?.loc?.start.line)}: ${initText} is ${ctx.classification.nullish ?? "undefined or null"} when it is destructured.`,
    changes: change(ctx, after),
    style: "early-return",
  };
}

export const destructureNullishPattern: FixPattern = {
  id: "destructure-nullish",
  errorClass: "destructure-nullish",
  baseConfidence: CONFIDENCE.earlyResponse,
  description: "Destructuring undefined/null: a 400 when a handler's request part is missing, else an empty default or an early return.",
  async generate(ctx) {
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const site = findSite(parsed.program, ctx.culprit.line, ctx.classification.subject);
    if (!site) return [];
    const knowledge = await findResponseHelpers(parsed.program, ctx.culprit.file, ctx.repo);
    const response = earlyResponse(ctx, parsed, site, knowledge);
    if (response) return [response];
    const candidates: FixCandidate[] = [];
    const early = earlyReturn(ctx, parsed, site, knowledge);
    if (early) candidates.push(early);
    // In a handler, an empty default would carry on with undefined fields; only the 4xx is honest.
    const inHandler = findHandler(site.ancestors, knowledge) !== null;
    if (!inHandler) {
      const fallback = defaultValue(ctx, site);
      if (fallback) candidates.push(fallback);
    }
    return candidates;
  },
};
