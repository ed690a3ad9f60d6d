import type * as t from "@babel/types";
import { type FunctionNode, type Node, endOf, insertAfterStatement, insertBeforeStatement, isFunctionNode, startOf, unwrapTs } from "../ast-tools.ts";
import { errorResponse, guardLines } from "../error-response.ts";
import type { FixCandidate, FixExpectation } from "../fix-candidate.ts";
import type { FixContext } from "../fix-context.ts";
import { type AnswerNeed, type ExitLibrary, type LearnedAnswer, learnExits, learnedAnswers } from "../learned-answers.ts";
import { type RequestHandler, findHandler } from "../request-handler.ts";
import { type ResponseKnowledge, findResponseHelpers } from "../response-helpers.ts";
import { idiomsIn } from "../response-idioms.ts";
import { type Splice, applySplices } from "../splice.ts";
import { type ParsedFile, canAnswerFrom, change, earlyReturnStatement, loopBetween, parseCulprit } from "./shared.ts";

// Early exits for a missing value, in the codebase's own idiom. Everything a pattern needs to
// write one is read once per error (the culprit parsed, the response helpers in reach, the error
// exits of the file, its folder and its router); then each place a guard can go (where the value
// enters, or right before the crash) gets one candidate per idiom that fits: the code's own exits
// first, then the handler's response style, then the function's existing "nothing" value.

export interface RepairEnv {
  ctx: FixContext;
  parsed: ParsedFile;
  knowledge: ResponseKnowledge;
  library: ExitLibrary;
}

export async function repairEnv(ctx: FixContext): Promise<RepairEnv | null> {
  const parsed = parseCulprit(ctx);
  if (!parsed) return null;
  const knowledge = await findResponseHelpers(parsed.program, ctx.culprit.file, ctx.repo);
  const library = await learnExits(ctx.culprit.file, ctx.source, parsed.program, ctx.repo);
  return { ctx, parsed, knowledge, library };
}

export interface GuardPlacement {
  statement: t.Statement;
  /** Insert after the statement (where the value enters) or before it (the statement that reads it). */
  where: "after" | "before";
  /** Ancestors of the statement, its statement list's owner last. */
  ancestors: readonly Node[];
  /** For the reviewer: "right after vet is looked up", "before the statement that reads it". */
  phrase: string;
}

export interface GuardSpec {
  patternId: string;
  /** The test that is true when the value is missing, without `if`: `!vet`. */
  missing: string;
  /** The same for a function that returns its "nothing" value (null is missing, 0 and "" are not): `vet == null`. */
  missingNullish: string;
  placement: GuardPlacement;
  /** What the missing value means to the client (a record not found, a field not sent); null when no answer to the client fits. */
  need: AnswerNeed | null;
  strategy: "early-exit" | "source-guard";
  /** One sentence a reviewer can check (file:line, the value). */
  rootCause: string;
  /** What was read of the missing value: ".slotMinutes of vet". */
  read: string;
}

/** Sync array callbacks run inside the function around them: a throw there still leaves that function. */
const ARRAY_CALLBACKS = new Set(["map", "forEach", "filter", "flatMap", "some", "every", "find", "findIndex", "reduce", "sort"]);

/** The function an exit at this place leaves: the nearest one, or the one around a sync array callback. */
export function answeringFunction(ancestors: readonly Node[]): { fn: FunctionNode; fnAncestors: readonly Node[]; inCallback: boolean } | null {
  let inCallback = false;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (!isFunctionNode(node)) continue;
    const call = ancestors[index - 1];
    const callee = call?.type === "CallExpression" ? unwrapTs(call.callee) : null;
    const method = callee && callee.type === "MemberExpression" && callee.property.type === "Identifier" ? callee.property.name : null;
    if (!node.async && method && ARRAY_CALLBACKS.has(method) && (call as t.CallExpression).arguments.includes(node as t.Expression)) {
      inCallback = true;
      continue;
    }
    return { fn: node, fnAncestors: ancestors.slice(0, index), inCallback };
  }
  return null;
}

function baseConfidence(fit: number): number {
  return Math.round((0.78 + 0.12 * fit) * 1000) / 1000;
}

function expectationOf(answer: LearnedAnswer, wanted: AnswerNeed, handler: RequestHandler | null): FixExpectation {
  const example = answer.example;
  const need = { ...wanted, status: answer.status ?? wanted.status };
  const at = answer.exampleAt;
  const text = answer.lines.join(" ").replace(/\s+/g, " ").slice(0, 160);
  if (example.via === "throw") {
    if (answer.status !== null && (handler || example.status !== null)) {
      return { outcome: "answers", status: need.status, bodyKeys: null, description: `a request now answers ${need.status}: the code throws ${text}, as ${at} does, and its error handling answers that` };
    }
    return { outcome: "throws", error: text, description: `the function now throws ${text}, its own error for this input, as ${at} does` };
  }
  const returnsPlainValue = example.statements[0]?.type === "ReturnStatement" && unwrapTs((example.statements[0] as t.ReturnStatement).argument!).type === "ObjectExpression";
  if (answer.status !== null && !(returnsPlainValue && !handler)) {
    const keys = example.bodyKeys ? ` in the body shape { ${example.bodyKeys.join(", ")} }` : "";
    return { outcome: "answers", status: need.status, bodyKeys: example.bodyKeys, description: `a request now answers ${need.status}${keys}, as ${at} answers` };
  }
  return { outcome: "returns", value: text, description: `returns the function's existing error result (${text}), as ${at} does` };
}

/** Whether the framework default of a handler kind may be written: a fetch-style guess needs a Response in sight. */
function handlerDefaultAllowed(handler: RequestHandler, env: RepairEnv): boolean {
  if (handler.kind !== "fetch") return true;
  return env.knowledge.responders.size > 0 || idiomsIn(env.parsed.program, handler, null).length > 0;
}

/** One way to answer a missing value at a place: statements that leave, the edits they need, and what they make happen. */
export interface AnswerOption {
  lines: string[];
  /** Whether a guard around them should be braced (the example was, or there are several). */
  braced: boolean;
  splices: Splice[];
  fit: number;
  expectation: FixExpectation;
  /** For the summary: "the way src/routes/pets.js:14 does (throw new HttpError(404, …))". */
  how: string;
  /** The test to put the answer behind, when the code already tests this same value its own way. */
  condition: string | null;
  style: "early-response" | "early-return";
}

export interface AnswerPlace {
  /** Ancestors of the statement the answer goes next to, its statement list's owner last. */
  ancestors: readonly Node[];
  offset: number;
}

/** The answers that fit here, best first: the code's own exits, the handler's response style, the function's "nothing" value. */
export function answerOptions(env: RepairEnv, need: AnswerNeed | null, place: AnswerPlace, options: { nothingValue: boolean } = { nothingValue: true }): AnswerOption[] {
  const { ctx, parsed, knowledge } = env;
  const answering = answeringFunction(place.ancestors);
  if (!answering) return [];
  const handlerFound = findHandler(place.ancestors, knowledge);
  const handler = handlerFound && canAnswerFrom(handlerFound, place.ancestors) ? handlerFound : null;
  const target = {
    file: ctx.culprit.file,
    source: ctx.source,
    program: parsed.program,
    style: parsed.style,
    fn: handler?.fn ?? answering.fn,
    fnAncestors: handler ? ancestorsOfFunction(place.ancestors, handler.fn) : answering.fnAncestors,
    siteAncestors: place.ancestors,
    offset: place.offset,
  };
  const found: AnswerOption[] = [];
  for (const answer of need ? learnedAnswers(env.library, need, target) : []) {
    found.push({
      lines: answer.lines,
      braced: answer.braced || answer.lines.length > 1,
      splices: answer.splices,
      fit: answer.fit,
      expectation: expectationOf(answer, need!, handler),
      how: answer.condition ? `with the test and answer ${answer.exampleAt} already uses for the same value (if (${answer.condition}) ${answer.lines.join(" ").replace(/\s+/g, " ").slice(0, 100)})` : `the way ${answer.exampleAt} does (${answer.lines.join(" ").replace(/\s+/g, " ").slice(0, 120)})`,
      condition: answer.condition,
      style: "early-response",
    });
  }
  if (need && handler && handlerDefaultAllowed(handler, env)) {
    const response = errorResponse(handler, parsed.program, { status: need.status, message: need.message, helperMessage: need.helperMessage, subject: need.noun }, parsed.style, ctx.source, place, knowledge);
    // A helper named for this status (`badRequest(...)`) is the codebase's own word for it; a generic
    // `json(body, status)` helper less so; a Response built in the handler's style is a framework guess.
    const calls = (helper: { name: string }): boolean => response.lines.some((line) => line.includes(`${helper.name}(`));
    const modelled = idiomsIn(handler.fn.body, handler, handler.fn).length > 0 || idiomsIn(parsed.program, handler, null).length > 0;
    const fit = knowledge.helpers.some((helper) => helper.status === need.status && calls(helper)) ? 0.9 : knowledge.helpers.some(calls) ? 0.75 : modelled ? 0.7 : 0.6;
    found.push({
      lines: response.lines,
      braced: response.lines.length > 1,
      splices: response.splices,
      fit,
      expectation: { outcome: "answers", status: need.status, bodyKeys: null, description: `a request now answers ${need.status} with "${need.message}" in the handler's response style` },
      how: `in the handler's own response style (${need.status} "${need.message}")`,
      condition: null,
      style: "early-response",
    });
  }
  // Outside a handler: the function's own value for "nothing", when its callers already get it.
  if (options.nothingValue && !handler && !answering.inCallback && !loopBetween(place.ancestors, answering.fn)) {
    const returned = earlyReturnStatement(answering.fn, parsed.style);
    if (returned) {
      const value = returned.replace(/^return\s*/, "").replace(/;$/, "") || "undefined";
      found.push({
        lines: [returned],
        braced: false,
        splices: [],
        fit: 0.65,
        expectation: { outcome: "returns", value, description: `returns the function's existing not-found value (${value})` },
        how: `with the value (${value}) the function already returns for "nothing"`,
        condition: null,
        style: "early-return",
      });
    }
  }
  return found;
}

/** One candidate per fitting idiom for a guard at this placement, best fit first. */
export function guardCandidates(env: RepairEnv, spec: GuardSpec): FixCandidate[] {
  const { ctx, parsed } = env;
  const { placement } = spec;
  const offset = placement.where === "after" ? endOf(placement.statement) : startOf(placement.statement);
  const insert = (lines: string[], extra: readonly Splice[]): string => {
    const splice = placement.where === "after" ? insertAfterStatement(ctx.source, placement.statement, lines, parsed.style) : insertBeforeStatement(ctx.source, placement.statement, lines, parsed.style);
    return applySplices(ctx.source, [splice, ...extra]);
  };
  return answerOptions(env, spec.need, { ancestors: placement.ancestors, offset }).map((option) => {
    const test = option.condition ?? (option.style === "early-return" ? spec.missingNullish : spec.missing);
    const lines = option.braced ? [`if (${test}) {`, ...option.lines.map((line) => parsed.style.indentUnit + line), "}"] : guardLines(test, option.lines, parsed.style);
    const missingName = spec.missingNullish.replace(/ == null$/, "");
    return {
      patternId: spec.patternId,
      baseConfidence: baseConfidence(option.fit),
      summary: `${option.style === "early-return" ? "Returns" : "Leaves"} early ${placement.phrase} when ${missingName} is missing, ${option.how}, instead of reading ${spec.read}.`,
      rootCause: spec.rootCause,
      changes: change(ctx, insert(lines, option.splices)),
      style: option.style,
      expectation: option.expectation,
      rank: { strategy: spec.strategy, fit: option.fit },
    };
  });
}

function ancestorsOfFunction(ancestors: readonly Node[], fn: FunctionNode): readonly Node[] {
  const index = ancestors.indexOf(fn);
  return index < 0 ? [] : ancestors.slice(0, index);
}
