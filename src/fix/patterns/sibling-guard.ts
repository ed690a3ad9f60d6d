import type * as t from "@babel/types";
import { type CodeStyle, type Node, endStatement, findAll, humanize, quoted, textOf, unwrapTs } from "../ast-tools.ts";
import { type RequestHandler, findHandler } from "../request-handler.ts";
import { type ResponseSite, guardLines, visibleAt } from "../error-response.ts";
import type { ResponseKnowledge } from "../response-helpers.ts";
import { isLookupInit } from "./shared.ts";

// The file's own answer to the same situation. When another handler in the file already guards a
// looked-up record with `if (!order) return notFound("order");`, the fix for a missing record is
// that very statement, written for the current variable: the reviewer sees the team's idiom, not
// Suture's. Only literal arguments are carried over, and only when they name the sibling's record
// (then they name the current one instead); anything else would be a guess.

interface Sibling {
  variable: string;
  lookup: Node;
  call: t.CallExpression;
  callee: string;
  braced: boolean;
  offset: number;
  ancestors: readonly Node[];
}

function lookupShape(init: Node, source: string): string {
  let value = unwrapTs(init);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  if (value.type === "CallExpression" || value.type === "OptionalCallExpression") return textOf(source, value.callee);
  return textOf(source, value);
}

function guardedReturn(statement: t.IfStatement): { call: t.CallExpression; braced: boolean } | null {
  if (statement.alternate) return null;
  let consequent: t.Statement = statement.consequent;
  let braced = false;
  if (consequent.type === "BlockStatement") {
    if (consequent.body.length !== 1) return null;
    consequent = consequent.body[0]!;
    braced = true;
  }
  if (consequent.type !== "ReturnStatement" || !consequent.argument) return null;
  const call = unwrapTs(consequent.argument);
  if (call.type !== "CallExpression" || call.callee.type !== "Identifier") return null;
  const literalOnly = call.arguments.every(
    (argument) => argument.type === "StringLiteral" || argument.type === "NumericLiteral" || (argument.type === "TemplateLiteral" && argument.expressions.length === 0),
  );
  return literalOnly ? { call, braced } : null;
}

/** `if (!name) return helper("literal")` after `const name = <lookup>` in the same block. */
function siblingsIn(program: t.Program): Sibling[] {
  const siblings: Sibling[] = [];
  for (const { node, ancestors } of findAll(program, (node): node is t.IfStatement => node.type === "IfStatement")) {
    const test = unwrapTs(node.test);
    if (test.type !== "UnaryExpression" || test.operator !== "!") continue;
    const tested = unwrapTs(test.argument);
    if (tested.type !== "Identifier") continue;
    const answer = guardedReturn(node);
    if (!answer) continue;
    const block = ancestors[ancestors.length - 1];
    if (!block || block.type !== "BlockStatement") continue;
    const position = block.body.indexOf(node);
    const declarator = block.body
      .slice(0, position)
      .flatMap((statement) => (statement.type === "VariableDeclaration" ? statement.declarations : []))
      .find((item) => item.id.type === "Identifier" && item.id.name === tested.name);
    if (!declarator?.init || !isLookupInit(declarator.init)) continue;
    const callee = (answer.call.callee as t.Identifier).name;
    siblings.push({ variable: tested.name, lookup: declarator.init, call: answer.call, callee, braced: answer.braced, offset: node.start ?? 0, ancestors });
  }
  return siblings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A literal argument for the current record: kept when the record is the same, renamed when it names the sibling's. */
function adaptArgument(argument: Node, sibling: Sibling, variable: string, source: string, style: CodeStyle): string | null {
  if (argument.type === "NumericLiteral") return textOf(source, argument);
  const value = argument.type === "StringLiteral" ? argument.value : argument.type === "TemplateLiteral" ? (argument.quasis[0]?.value.cooked ?? null) : null;
  if (value === null) return null;
  if (sibling.variable === variable) return textOf(source, argument);
  const from = humanize(sibling.variable);
  const to = humanize(variable);
  if (from === "record" || to === "record") return null;
  const pattern = new RegExp(`\\b${escapeRegExp(from)}\\b`, "gi");
  if (!pattern.test(value)) return null;
  const renamed = value.replace(pattern, (match) => (match[0] !== match[0]!.toLowerCase() ? to[0]!.toUpperCase() + to.slice(1) : to));
  return quoted(renamed, style);
}

function answersByReturning(handler: RequestHandler | null): boolean {
  return handler?.kind === "fetch" || handler?.kind === "next";
}

export interface SiblingAnswer {
  lines: string[];
  /** The sibling statement the fix copies, for the reviewer. */
  callee: string;
}

/**
 * The guard another handler of this file writes after a similar lookup, for `variable`: the same
 * variable name first, then the same lookup call (`ctx.db.users.get`), then the nearest one.
 * Null when the file has none that can be copied safely.
 */
export function siblingGuard(handler: RequestHandler, program: t.Program, source: string, style: CodeStyle, variable: string, lookup: Node, site: ResponseSite, knowledge: ResponseKnowledge): SiblingAnswer | null {
  // Express and node:http answer through the response object: a returned call answers nothing there.
  if (!answersByReturning(handler)) return null;
  const shape = lookupShape(lookup, source);
  const ranked = siblingsIn(program)
    .filter((sibling) => sibling.lookup !== lookup)
    .map((sibling) => ({ sibling, score: (sibling.variable === variable ? 4 : 0) + (lookupShape(sibling.lookup, source) === shape ? 2 : 0), distance: Math.abs(sibling.offset - site.offset) }))
    .sort((a, b) => b.score - a.score || a.distance - b.distance);
  for (const { sibling } of ranked) {
    const helper = knowledge.helpers.find((item) => item.name === sibling.callee);
    if (helper && helper.status !== null && helper.status !== 404) continue;
    if (!visibleAt(sibling.callee, site)) continue;
    // The call answers with a Response: a known responder, or the guard sits in a handler that answers by returning.
    if (!knowledge.responders.has(sibling.callee) && !answersByReturning(findHandler(sibling.ancestors, knowledge))) continue;
    const args = sibling.call.arguments.map((argument) => adaptArgument(argument, sibling, variable, source, style));
    if (args.some((argument) => argument === null)) continue;
    const statement = endStatement(`return ${sibling.callee}(${args.join(", ")})`, style);
    const lines = sibling.braced ? [`if (!${variable}) {`, `${style.indentUnit}${statement}`, "}"] : guardLines(`!${variable}`, [statement], style);
    return { lines, callee: sibling.callee };
  }
  return null;
}
