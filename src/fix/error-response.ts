import type * as t from "@babel/types";
import { type CodeStyle, type Node, endOf, endStatement, findBinding, quoted, textOf, walk } from "./ast-tools.ts";
import type { RequestHandler } from "./request-handler.ts";
import { type ResponseHelper, type ResponseKnowledge, NO_RESPONSE_KNOWLEDGE } from "./response-helpers.ts";
import { type Idiom, type IdiomFound, defaultIdiom, errorKey, idiomsIn, objectProperty, pickIdiom, statusValue } from "./response-idioms.ts";
import type { Splice } from "./splice.ts";
import { addNamedImport } from "./add-import.ts";

// The 4xx answer a fix adds to a request handler, written the way that handler (or its file)
// already writes responses, so the patch reads like the surrounding code.

export interface ResponseSite {
  /** Ancestors of the statement the response will be inserted next to (used to check names resolve). */
  ancestors: readonly Node[];
  /** Offset where the response code will be inserted: names it uses must be declared before it. */
  offset: number;
}

/** Headers are copied only when every name they use is visible and initialised at the insertion point. */
function headersUsable(headers: Node, site: ResponseSite): boolean {
  let ok = true;
  walk(headers, (node, ancestors) => {
    if (node.type !== "Identifier") return;
    const parent = ancestors[ancestors.length - 1];
    if (parent && (parent.type === "ObjectProperty" && parent.key === node && !parent.computed && !parent.shorthand)) return;
    if (parent && parent.type === "MemberExpression" && parent.property === node && !parent.computed) return;
    if (parent && parent.type === "ObjectProperty" && parent.shorthand && headers === parent && parent.key === node) return;
    const binding = findBinding(node.name, site.ancestors);
    if (!binding) {
      ok = false;
      return;
    }
    if ((binding.kind === "const" || binding.kind === "let") && endOf(binding.declaration) > site.offset) ok = false;
  });
  return ok;
}

/** The error a fix answers with. Texts are fixed words or built from code identifiers, never from the error message. */
export interface ErrorAnswer {
  status: number;
  /** The text of a hand-built error body (`{ error: "user not found" }`). */
  message: string;
  /** The sentence for a helper that takes a message (`badRequest("request body must be valid JSON")`); defaults to message. */
  helperMessage?: string;
  /** The record a not-found helper names (`notFound("user")`). */
  subject?: string;
}

export interface ErrorResponse {
  /** Statements that answer and leave the handler; the last one is a `return`. */
  lines: string[];
  /** Other edits the answer needs (a helper added to an existing import), against the original source. */
  splices: Splice[];
}

/**
 * The answer in the style the code already uses. Handlers that return Responses and call response
 * helpers answer with a helper whose name says the status (`notFound`, `badRequest`), importing it
 * from a module the file already imports when only that module has it, else with a `json(body,
 * status)` helper; a handler whose own body builds error Responses by hand, and every other kind of
 * handler, keeps its own idiom.
 */
export function errorResponse(handler: RequestHandler, program: t.Program, answer: ErrorAnswer, style: CodeStyle, source: string, site: ResponseSite, knowledge: ResponseKnowledge = NO_RESPONSE_KNOWLEDGE): ErrorResponse {
  if (handler.kind === "fetch" || handler.kind === "next") {
    const handBuilt = idiomsIn(handler.fn.body, handler, handler.fn).some((item) => item.status !== null && item.status >= 400 && item.idiom.kind !== "hono");
    const helper = handBuilt ? null : helperResponse(program, answer, style, site, knowledge);
    if (helper) return helper;
  }
  return { lines: errorResponseLines(handler, program, answer.status, answer.message, style, source, site), splices: [] };
}

const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [400, "bad_request"],
  [401, "unauthorized"],
  [403, "forbidden"],
  [404, "not_found"],
  [409, "conflict"],
  [422, "unprocessable_entity"],
]);

/** A module-level name usable at the insertion point (not shadowed there by a local of the same name). */
export function visibleAt(name: string, site: ResponseSite): boolean {
  const binding = findBinding(name, site.ancestors);
  if (!binding) return false;
  if (binding.kind === "import") return true;
  if (binding.kind === "function") return site.ancestors[0]?.type === "Program" && (site.ancestors[0] as t.Program).body.some((statement) => statement === binding.node || (statement.type === "ExportNamedDeclaration" && statement.declaration === binding.node));
  return (binding.kind === "const" || binding.kind === "let") && binding.owner.type === "Program";
}

function helperArgument(helper: ResponseHelper, answer: ErrorAnswer, style: CodeStyle): string | null {
  switch (helper.argument) {
    case "none":
      return "";
    case "noun":
      return answer.subject ? quoted(answer.subject, style) : null;
    case "message":
      return quoted(answer.helperMessage ?? answer.message, style);
    default:
      return null;
  }
}

/** Calls of `name` in the file with a numeric status second argument: `json({ error: ... }, 409)`. */
function statusCalls(program: t.Program, name: string): { status: number; body: Node }[] {
  const calls: { status: number; body: Node }[] = [];
  walk(program, (node) => {
    if (node.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== name) return;
    const [body, status] = node.arguments;
    const value = status ? statusValue(status) : null;
    if (body && value !== null && body.type !== "SpreadElement" && body.type !== "ArgumentPlaceholder") calls.push({ status: value, body });
  });
  return calls;
}

/** `{ error: "not_found", message: "user not found" }` when the file's error bodies pair a code with a message, else `{ <key>: "user not found" }`. */
function helperBody(calls: readonly { status: number; body: Node }[], answer: ErrorAnswer, style: CodeStyle): string {
  const errors = calls.filter((call) => call.status >= 400 && call.body.type === "ObjectExpression");
  const code = ERROR_CODES.get(answer.status);
  const paired = errors.some((call) => {
    const error = objectProperty(call.body, "error")?.value;
    return !!error && error.type === "StringLiteral" && /^[a-z][a-z0-9_]*$/.test(error.value) && !!objectProperty(call.body, "message");
  });
  const text = quoted(answer.helperMessage ?? answer.message, style);
  if (paired && code) return `{ error: ${quoted(code, style)}, message: ${text} }`;
  const key = errorKey(errors.map((call) => ({ idiom: { kind: "hono" }, status: call.status, body: call.body, fn: null })));
  return `{ ${key}: ${text} }`;
}

function helperResponse(program: t.Program, answer: ErrorAnswer, style: CodeStyle, site: ResponseSite, knowledge: ResponseKnowledge): ErrorResponse | null {
  const end = (line: string): string => endStatement(line, style);
  const callable = (helper: ResponseHelper): boolean => helper.required <= (helper.argument === "none" ? 0 : 1);
  // A helper whose name says this status, already in reach.
  for (const helper of knowledge.helpers) {
    if (helper.origin === "importable" || helper.status !== answer.status || !callable(helper) || !visibleAt(helper.name, site)) continue;
    const argument = helperArgument(helper, answer, style);
    if (argument !== null) return { lines: [end(`return ${helper.name}(${argument})`)], splices: [] };
  }
  // The same, exported by a module the file already imports from: one more name in that import.
  for (const helper of knowledge.helpers) {
    if (helper.origin !== "importable" || helper.status !== answer.status || !callable(helper) || !helper.importDeclaration) continue;
    const argument = helperArgument(helper, answer, style);
    const splice = argument === null ? null : addNamedImport(helper.importDeclaration, helper.name);
    if (splice) return { lines: [end(`return ${helper.name}(${argument})`)], splices: [splice] };
  }
  // A generic `json(body, status)` helper the file uses.
  for (const helper of knowledge.helpers) {
    if (helper.origin === "importable" || helper.status !== null || helper.argument !== "body" || !helper.takesStatus || helper.required > 2 || !visibleAt(helper.name, site)) continue;
    const body = helperBody(statusCalls(program, helper.name), answer, style);
    return { lines: [end(`return ${helper.name}(${body}, ${answer.status})`)], splices: [] };
  }
  return null;
}

/**
 * Statements that send an error response from this handler, in its own idiom. The last statement
 * leaves the handler (a `return`), so the caller can place them behind a guard.
 */
export function errorResponseLines(handler: RequestHandler, program: t.Program, status: number, message: string, style: CodeStyle, source: string, site: ResponseSite): string[] {
  const own = idiomsIn(handler.fn.body, handler, handler.fn);
  const compatible = (item: IdiomFound): boolean => {
    if (handler.kind === "express" || handler.kind === "node-http") return item.idiom.kind === "express" || item.idiom.kind === "express-status-only" || item.idiom.kind === "node-http";
    if (handler.kind === "hono") return item.idiom.kind === "hono";
    return item.idiom.kind === "next-json" || item.idiom.kind === "response-json" || item.idiom.kind === "new-response";
  };
  const ownPick = pickIdiom(own.filter(compatible));
  const fileFound = idiomsIn(program, handler, null).filter(compatible);
  const picked = ownPick ?? pickIdiom(fileFound);
  // The error key follows this handler's error responses first, then the file's.
  const key = errorKey([...own, ...fileFound]);
  const text = quoted(message, style);
  const body = `{ ${key}: ${text} }`;
  const end = (line: string): string => endStatement(line, style);
  const res = handler.responseName ?? "res";
  const headerText = (headers: Node | null): string => (headers && headersUsable(headers, site) ? `, ${textOf(source, headers)}` : "");

  const idiom: Idiom = picked?.idiom ?? defaultIdiom(handler, program);
  switch (idiom.kind) {
    case "express": {
      const payload = idiom.method === "send" && idiom.stringBody ? text : body;
      const call = `${res}.status(${status}).${idiom.method}(${payload})`;
      return idiom.returned ? [end(`return ${call}`)] : [end(call), end("return")];
    }
    case "express-status-only": {
      const call = `${res}.sendStatus(${status})`;
      return idiom.returned ? [end(`return ${call}`)] : [end(call), end("return")];
    }
    case "node-http": {
      const jsonHeaders = `, { ${quoted("Content-Type", style)}: ${quoted("application/json", style)} }`;
      const headers = !picked ? jsonHeaders : idiom.headers && headersUsable(idiom.headers, site) ? `, ${textOf(source, idiom.headers)}` : "";
      const payload = idiom.json ? `JSON.stringify(${body})` : text;
      const endCall = `${res}.end(${payload})`;
      const head = end(`${res}.writeHead(${status}${headers})`);
      return idiom.returned ? [head, end(`return ${endCall}`)] : [head, end(endCall), end("return")];
    }
    case "next-json":
      return [end(`return NextResponse.json(${body}, { status: ${status} })`)];
    case "response-json":
      return [end(`return Response.json(${body}, { status: ${status}${headerText(idiom.headers)} })`)];
    case "new-response": {
      const payload = idiom.json ? `JSON.stringify(${body})` : text;
      const headers = picked ? headerText(idiom.headers) : `, headers: { ${quoted("Content-Type", style)}: ${quoted("application/json", style)} }`;
      return [end(`return new Response(${payload}, { status: ${status}${headers} })`)];
    }
    case "hono":
      return [end(`return ${handler.contextName ?? "c"}.json(${body}, ${status})`)];
  }
}

/** `if (cond) <statement>` on one line, or a braced block for several statements. */
export function guardLines(condition: string, body: readonly string[], style: CodeStyle): string[] {
  if (body.length === 1) return [`if (${condition}) ${body[0]}`];
  return [`if (${condition}) {`, ...body.map((line) => style.indentUnit + line), "}"];
}
