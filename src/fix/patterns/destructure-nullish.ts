import type * as t from "@babel/types";
import {
  type Node,
  endOf,
  enclosingListStatement,
  findAll,
  isFunctionNode,
  isPureChain,
  startOf,
  textOf,
  unwrapTs,
} from "../ast-tools.ts";
import { findHandler } from "../request-handler.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixContext } from "../fix-context.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { type Splice, applySplices } from "../splice.ts";
import { chainKey } from "../soundness/nullish-facts.ts";
import { codeDefaultCandidates, needsParens } from "./code-default-candidates.ts";
import { type RepairEnv, guardCandidates, repairEnv } from "./guard-candidates.ts";
import { needFor } from "./property-of-nullish.ts";
import { originOfValue } from "./value-origin.ts";
import { valueSource } from "../error-exits.ts";
import { change, where } from "./shared.ts";

// Class 7: destructuring undefined/null (`const { id } = req.body` without a body parser,
// `function f({ a })` called with nothing, `photos.map(({ url }) => …)` over a list with a null
// slot). Candidates: a 400 in the code's own idiom when a request part is missing; the code's own
// fallback for that value; skipping null entries of a list (they carry no data); the function's
// existing "nothing" value; an empty default (`?? {}`, `= {}`), which the soundness check keeps
// only when every destructured name is then handled as missing.

/** In TypeScript `x ?? {}` makes every destructured name possibly undefined, so later uses may stop typechecking; validation decides. */
const TYPESCRIPT_DEFAULT_PENALTY = 0.12;

interface Site {
  pattern: t.ObjectPattern | t.ArrayPattern;
  /** The destructured value: the declarator's init, or null for a parameter. */
  init: Node | null;
  declarator: t.VariableDeclarator | null;
  /** A destructured parameter; for a list callback (`photos.map(({ url }) => …)`), the list and the method too. */
  param: { fn: t.Function; index: number; method: string | null; receiver: Node | null } | null;
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
        const call = ancestors[ancestors.length - 1];
        const callee = call && (call.type === "CallExpression" || call.type === "OptionalCallExpression") && call.arguments.includes(fn as t.Expression) ? unwrapTs(call.callee) : null;
        const method = callee && (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && callee.property.type === "Identifier" && LIST_CALLBACKS.has(callee.property.name) ? callee.property.name : null;
        const receiver = method && callee && (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && isPureChain(unwrapTs(callee.object)) ? unwrapTs(callee.object) : null;
        return { pattern: param, init: null, declarator: null, param: { fn, index, method, receiver }, ancestors: [...ancestors, fn] };
      }
    }
  }
  return null;
}

function defaultValue(ctx: FixContext, site: Site): FixCandidate | null {
  const typescript = /\.(ts|tsx|mts|cts)$/.test(ctx.culprit.file);
  const penalty = typescript ? TYPESCRIPT_DEFAULT_PENALTY : 0;
  const empty = site.pattern.type === "ArrayPattern" ? "[]" : "{}";
  const fit = 0.5 - penalty;
  const expectation = { outcome: "completes" as const, description: "the code runs with every destructured name missing, which each later use handles" };
  const rank = { strategy: "default" as const, fit };
  const baseConfidence = Math.round((0.78 + 0.12 * fit) * 1000) / 1000;
  if (site.declarator && site.init) {
    const init = site.init;
    const splices: Splice[] = [];
    if (needsParens(init)) {
      splices.push({ start: startOf(init), end: startOf(init), text: "(" }, { start: endOf(init), end: endOf(init), text: `) ?? ${empty}` });
    } else {
      // The declarator ends after any closing parenthesis around the value.
      splices.push({ start: endOf(site.declarator), end: endOf(site.declarator), text: ` ?? ${empty}` });
    }
    const after = applySplices(ctx.source, splices);
    const initText = textOf(ctx.source, init);
    return {
      patternId: destructureNullishPattern.id,
      baseConfidence,
      summary: `Destructures from ${initText} ?? ${empty}, so a missing value leaves the destructured names undefined instead of throwing.`,
      rootCause: `${where(ctx, site.declarator.loc?.start.line)}: ${initText} is ${ctx.classification.nullish ?? "undefined or null"} when it is destructured.`,
      changes: change(ctx, after),
      style: "default-value",
      expectation,
      rank,
    };
  }
  if (site.param) {
    // A typed parameter (`{ a }: Options`) would need a default that satisfies its type: decline.
    if (site.pattern.typeAnnotation) return null;
    const after = applySplices(ctx.source, [{ start: endOf(site.pattern), end: endOf(site.pattern), text: ` = ${empty}` }]);
    return {
      patternId: destructureNullishPattern.id,
      baseConfidence,
      summary: `Gives the destructured parameter a default of ${empty}, so a call without that argument leaves its fields undefined instead of throwing.`,
      rootCause: `${where(ctx, site.pattern.loc?.start.line)}: the function was called without its destructured argument (${ctx.classification.nullish ?? "undefined"}).`,
      changes: change(ctx, after),
      style: "default-value",
      expectation,
      rank,
    };
  }
  return null;
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return "item";
}

const LIST_CALLBACKS = new Set(["map", "forEach", "flatMap", "filter", "some", "every", "find", "findIndex", "reduce"]);

/** `photos.map(({ url }) => …)` over a list with a null slot: skip the slots that hold nothing. */
function skipMissingEntries(ctx: FixContext, site: Site): FixCandidate | null {
  if (!site.param || site.param.index !== (site.param.method === "reduce" ? 1 : 0) || !site.param.receiver) return null;
  const receiver = site.param.receiver;
  const tail = receiver.type === "Identifier" ? receiver.name : receiver.type === "MemberExpression" && receiver.property.type === "Identifier" ? receiver.property.name : "items";
  let name = singular(tail);
  if (new RegExp(`\\b${name}\\b`).test(textOf(ctx.source, site.param.fn))) name = "entry";
  const after = applySplices(ctx.source, [{ start: endOf(receiver), end: endOf(receiver), text: `.filter((${name}) => ${name} != null)` }]);
  const receiverText = textOf(ctx.source, receiver);
  return {
    patternId: destructureNullishPattern.id,
    baseConfidence: 0.864,
    summary: `Skips the empty (null or undefined) entries of ${receiverText} before .${site.param.method}() destructures them; every entry that holds data is kept.`,
    rootCause: `${where(ctx, site.pattern.loc?.start.line)}: ${receiverText} holds a ${ctx.classification.nullish ?? "missing"} entry, and .${site.param.method}() destructures each entry.`,
    changes: change(ctx, after),
    style: "skip-missing",
    expectation: { outcome: "completes", description: `entries of ${receiverText} that hold nothing are left out; every other entry is handled as before` },
    rank: { strategy: "normalize", fit: 0.7 },
  };
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

function guards(env: RepairEnv, site: Site): FixCandidate[] {
  const target = guardTarget(site);
  if (!target) return [];
  const { ctx } = env;
  const handler = findHandler(target.ancestors, env.knowledge);
  const origin = originOfValue(env, target.init, target.ancestors, handler);
  const need = needFor(origin, (noun) => `${noun} not found`);
  const initText = textOf(ctx.source, target.init);
  return guardCandidates(env, {
    patternId: destructureNullishPattern.id,
    missing: origin.kind === "request" ? `${initText} == null` : `!${initText}`,
    missingNullish: `${initText} == null`,
    placement: { statement: target.statement, where: "before", ancestors: target.ancestors, phrase: "before it is destructured" },
    need: need ? { ...need, value: { name: initText, source: valueSource(target.init, ctx.source) } } : null,
    strategy: "source-guard",
    rootCause: origin.kind === "request"
      ? `${where(ctx, site.declarator?.loc?.start.line)}: the request arrived without ${initText} (${ctx.classification.nullish ?? "undefined"}), and the code destructured it.`
      : `${where(ctx, site.declarator?.loc?.start.line)}: ${initText} is ${ctx.classification.nullish ?? "undefined or null"} when it is destructured.`,
    read: `fields of ${initText}`,
  });
}

export const destructureNullishPattern: FixPattern = {
  id: "destructure-nullish",
  errorClass: "destructure-nullish",
  baseConfidence: 0.88,
  description: "Destructuring undefined/null: a 400 in the code's own idiom when a request part is missing, the code's own fallback, skipping empty list entries, the function's nothing value, or an empty default every later use handles.",
  async generate(ctx) {
    const env = await repairEnv(ctx);
    if (!env) return [];
    const site = findSite(env.parsed.program, ctx.culprit.line, ctx.classification.subject);
    if (!site) return [];
    const candidates: FixCandidate[] = [];
    if (site.init) {
      const init = unwrapTs(site.init);
      if (isPureChain(init)) {
        const handler = findHandler(site.ancestors, env.knowledge);
        const origin = originOfValue(env, init, site.ancestors, handler);
        candidates.push(...(await codeDefaultCandidates(env, { patternId: destructureNullishPattern.id, value: init, ancestors: site.ancestors, origin: { ...origin, declarator: null }, property: null, member: null, key: chainKey(init) })));
      }
    }
    candidates.push(...guards(env, site));
    const skip = skipMissingEntries(ctx, site);
    if (skip) candidates.push(skip);
    const fallback = defaultValue(ctx, site);
    if (fallback) candidates.push(fallback);
    return candidates;
  },
};
