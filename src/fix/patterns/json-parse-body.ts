import type * as t from "@babel/types";
import { type Node, enclosingListStatement, findAll, findBinding, indentAt, isFunctionNode, memberPropertyName, rootIdentifier, textOf, unwrapTs, walk } from "../ast-tools.ts";
import { type RequestHandler, findHandler } from "../request-handler.ts";
import { errorResponse } from "../error-response.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { type ResponseKnowledge, findResponseHelpers } from "../response-helpers.ts";
import { applySplices } from "../splice.ts";
import { canAnswerFrom, change, isRequestDerived, parseCulprit, where } from "./shared.ts";

// Class 5: a request body that is not valid JSON. Only when the parse at the culprit reads the
// request body inside a handler: the parse is wrapped so a bad body gets a 400 in the handler's
// own style. JSON.parse of anything else (a config file, a cache entry) is not this bug.

const CONFIDENCE = 0.9;

interface ParseSite {
  call: t.CallExpression;
  ancestors: readonly Node[];
  handler: RequestHandler;
}

function isJsonParse(node: t.CallExpression): boolean {
  const callee = unwrapTs(node.callee);
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "JSON" && memberPropertyName(callee) === "parse";
}

function isBodyJsonCall(node: t.CallExpression): Node | null {
  const callee = unwrapTs(node.callee);
  if (callee.type !== "MemberExpression" || node.arguments.length > 0) return null;
  return memberPropertyName(callee) === "json" ? callee.object : null;
}

/** `let body = ""; req.on("data", (chunk) => { body += chunk; })`: the identifier collects the request stream. */
function accumulatesRequest(name: string, handler: RequestHandler): boolean {
  let found = false;
  walk(handler.fn.body, (node) => {
    if (found || node.type !== "CallExpression") return !found;
    const callee = unwrapTs(node.callee);
    if (callee.type !== "MemberExpression" || memberPropertyName(callee) !== "on") return true;
    const root = rootIdentifier(callee.object);
    if (!root || !handler.requestNames.has(root.name)) return true;
    for (const argument of node.arguments) {
      if (!isFunctionNode(argument)) continue;
      walk(argument, (inner) => {
        if (inner.type === "AssignmentExpression" && inner.left.type === "Identifier" && inner.left.name === name) found = true;
        if (inner.type === "CallExpression") {
          const pushed = unwrapTs(inner.callee);
          if (pushed.type === "MemberExpression" && pushed.object.type === "Identifier" && pushed.object.name === name && memberPropertyName(pushed) === "push") found = true;
        }
      });
    }
    return true;
  });
  return found;
}

function readsRequestBody(argument: Node, handler: RequestHandler, ancestors: readonly Node[]): boolean {
  if (isRequestDerived(argument, handler, ancestors)) return true;
  let body = false;
  walk(argument, (node) => {
    if (body || node.type !== "Identifier") return !body;
    if (accumulatesRequest(node.name, handler)) body = true;
    const binding = findBinding(node.name, ancestors);
    if (binding && (binding.kind === "const" || binding.kind === "let") && binding.declarator.init && isRequestDerived(binding.declarator.init, handler, ancestors)) body = true;
    return true;
  });
  return body;
}

function findParseSite(program: t.Program, line: number, knowledge: ResponseKnowledge): ParseSite | null {
  const calls = findAll(program, (node): node is t.CallExpression => node.type === "CallExpression").filter(({ node }) => node.loc?.start.line === line || node.loc?.end.line === line);
  const sites: ParseSite[] = [];
  for (const { node, ancestors } of calls) {
    const handler = findHandler(ancestors, knowledge);
    if (!handler) continue;
    if (isJsonParse(node)) {
      const argument = node.arguments[0];
      if (argument && argument.type !== "SpreadElement" && argument.type !== "ArgumentPlaceholder" && readsRequestBody(argument, handler, ancestors)) sites.push({ call: node, ancestors, handler });
      continue;
    }
    const receiver = isBodyJsonCall(node);
    if (receiver && isRequestDerived(receiver, handler, ancestors)) sites.push({ call: node, ancestors, handler });
  }
  return sites.length === 1 ? sites[0]! : null;
}

/** The type of an outer `x as T` / `<T>x` (not `as const`), which the hoisted `let` declares. */
function castType(init: Node): t.TSType | null {
  if (init.type !== "TSAsExpression" && init.type !== "TSTypeAssertion") return null;
  const type = init.typeAnnotation;
  if (type.type === "TSTypeReference" && type.typeName.type === "Identifier" && type.typeName.name === "const") return null;
  return type;
}

/** A name for the parsed value that nothing in the file uses yet. */
function freshName(program: t.Program): string {
  const used = new Set<string>();
  walk(program, (node) => {
    if (node.type === "Identifier") used.add(node.name);
  });
  for (const name of ["parsedBody", "payload", "parsed", "requestBody"]) if (!used.has(name)) return name;
  let index = 2;
  while (used.has(`parsedBody${index}`)) index += 1;
  return `parsedBody${index}`;
}

export const jsonParseBodyPattern: FixPattern = {
  id: "json-parse-body",
  errorClass: "json-parse-body",
  baseConfidence: CONFIDENCE,
  description: "An invalid JSON request body: parse it in a try/catch that answers 400 in the handler's style.",
  async generate(ctx) {
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const knowledge = await findResponseHelpers(parsed.program, ctx.culprit.file, ctx.repo);
    const site = findParseSite(parsed.program, ctx.culprit.line, knowledge);
    if (!site) return [];
    const held = enclosingListStatement(site.call, site.ancestors);
    if (!held) return [];
    const statementAncestors = site.ancestors.slice(0, held.index + 1);
    if (!canAnswerFrom(site.handler, statementAncestors)) return [];
    const statement = held.statement;
    const { style } = parsed;
    const end = (text: string): string => (style.semicolons ? `${text};` : text);

    let declare: string | null = null;
    let assign: string;
    let trailing: string | null = null;
    if (statement.type === "VariableDeclaration" && statement.declarations.length === 1 && statement.declarations[0]!.init) {
      const declarator = statement.declarations[0]!;
      const init = textOf(ctx.source, declarator.init!);
      if (declarator.id.type === "Identifier") {
        // `const input = JSON.parse(text) as OrderInput` keeps its type on the new `let input: OrderInput`.
        const cast = castType(declarator.init!);
        const annotation = declarator.id.typeAnnotation ? textOf(ctx.source, declarator.id.typeAnnotation) : cast ? `: ${textOf(ctx.source, cast)}` : "";
        declare = end(`let ${declarator.id.name}${annotation}`);
        assign = end(`${declarator.id.name} = ${init}`);
      } else {
        const name = freshName(parsed.program);
        declare = end(`let ${name}`);
        assign = end(`${name} = ${init}`);
        trailing = end(`${statement.kind} ${textOf(ctx.source, declarator.id)} = ${name}`);
      }
    } else if (statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression") {
      assign = textOf(ctx.source, statement);
    } else {
      return [];
    }

    const indent = indentAt(ctx.source, statement.start ?? 0);
    const answer = { status: 400, message: "invalid JSON body", helperMessage: "request body must be valid JSON" };
    const { lines: response, splices } = errorResponse(site.handler, parsed.program, answer, style, ctx.source, { ancestors: statementAncestors, offset: statement.start ?? 0 }, knowledge);
    const lines = [
      ...(declare ? [declare] : []),
      "try {",
      `${style.indentUnit}${assign}`,
      "} catch {",
      ...response.map((line) => `${style.indentUnit}${line}`),
      "}",
      ...(trailing ? [trailing] : []),
    ];
    const text = lines.map((line, index) => (index === 0 ? line : `${indent}${line}`)).join(style.eol);
    const after = applySplices(ctx.source, [{ start: statement.start ?? 0, end: statement.end ?? 0, text }, ...splices]);
    const readsWhat = isJsonParse(site.call) ? textOf(ctx.source, site.call) : `${textOf(ctx.source, site.call)}`;
    const candidate: FixCandidate = {
      patternId: jsonParseBodyPattern.id,
      baseConfidence: CONFIDENCE,
      summary: `Wraps ${readsWhat} in a try/catch that answers 400 in the handler's own style (${response.join(" ")}); valid bodies take the same path as before.`,
      rootCause: `${where(ctx, site.call.loc?.start.line)}: ${readsWhat} throws a SyntaxError when a client sends a body that is not valid JSON, and the handler does not catch it.`,
      changes: change(ctx, after),
      style: "json-400",
    };
    return [candidate];
  },
};
