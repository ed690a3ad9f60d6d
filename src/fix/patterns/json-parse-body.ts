import type * as t from "@babel/types";
import { type Node, endOf, enclosingListStatement, findAll, findBinding, humanize, indentAt, insertAfterStatement, isFunctionNode, memberPropertyName, rootIdentifier, startOf, textOf, unwrapTs, walk } from "../ast-tools.ts";
import { type RequestHandler, findHandler } from "../request-handler.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import type { ResponseKnowledge } from "../response-helpers.ts";
import { type Splice, applySplices } from "../splice.ts";
import { type RepairEnv, answerOptions, repairEnv } from "./guard-candidates.ts";
import { importSplice } from "../add-import.ts";
import { guardLines } from "../error-response.ts";
import { resolveSpecifier } from "../module-resolution.ts";
import { parseSource } from "../parse-source.ts";
import { requestish } from "./value-origin.ts";
import { canAnswerFrom, change, isRequestDerived, where } from "./shared.ts";

// Class 5: client input that is not valid JSON. Only when the parse at the culprit reads what a
// client sent (a body, a header, a query parameter) in code that answers requests: the parse is
// wrapped so bad input gets a 400 in the code's own idiom. JSON.parse of anything else (a config
// file, a cache entry) is not this bug.

interface ParseSite {
  call: t.CallExpression;
  ancestors: readonly Node[];
  /** The detected request handler, or null where the code's own exits show how it answers. */
  handler: RequestHandler | null;
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

/** The parse reads what a client sent: through a detected handler, or from a request field of the answering function's parameter. */
function readsRequest(argument: Node, handler: RequestHandler | null, ancestors: readonly Node[]): boolean {
  if (handler && readsRequestBody(argument, handler, ancestors)) return true;
  let found = false;
  walk(argument, (node) => {
    if (found) return false;
    if (requestish(node, ancestors)) found = true;
    if (node.type === "Identifier") {
      const binding = findBinding(node.name, ancestors);
      if (binding && (binding.kind === "const" || binding.kind === "let") && binding.declarator.init && requestish(binding.declarator.init, ancestors)) found = true;
    }
    return !found;
  });
  return found;
}

function findParseSite(program: t.Program, line: number, knowledge: ResponseKnowledge): ParseSite | null {
  const calls = findAll(program, (node): node is t.CallExpression => node.type === "CallExpression").filter(({ node }) => node.loc?.start.line === line || node.loc?.end.line === line);
  const sites: ParseSite[] = [];
  for (const { node, ancestors } of calls) {
    const found = findHandler(ancestors, knowledge);
    const handler = found && canAnswerFrom(found, ancestors) ? found : null;
    if (isJsonParse(node)) {
      const argument = node.arguments[0];
      if (argument && argument.type !== "SpreadElement" && argument.type !== "ArgumentPlaceholder" && readsRequest(argument, handler, ancestors)) sites.push({ call: node, ancestors, handler });
      continue;
    }
    const receiver = isBodyJsonCall(node);
    if (receiver && ((handler && isRequestDerived(receiver, handler, ancestors)) || requestish(receiver, ancestors))) sites.push({ call: node, ancestors, handler });
  }
  return sites.length === 1 ? sites[0]! : null;
}

/** The parse runs whenever `root` does: not in one branch of a ?:, after && or ||, or in a callback. Only then can it move out in front. */
function evaluatedUnconditionally(call: Node, ancestors: readonly Node[], root: Node): boolean {
  let child: Node = call;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    if (isFunctionNode(parent)) return false;
    if (parent.type === "ConditionalExpression" && parent.test !== child) return false;
    if (parent.type === "LogicalExpression" && parent.right === child) return false;
    if (parent.type === "OptionalCallExpression" || parent.type === "OptionalMemberExpression") return false;
    if (parent === root || child === root) return true;
    child = parent;
  }
  return true;
}

/** What the client sent that is parsed: the request body, or the header, parameter or value named in the parse. */
function inputNoun(site: ParseSite): string {
  if (!isJsonParse(site.call)) return "request body";
  const argument = site.call.arguments[0];
  let noun: string | null = null;
  if (argument && argument.type !== "SpreadElement" && argument.type !== "ArgumentPlaceholder") {
    walk(argument, (node, ancestors) => {
      if (noun) return false;
      const parent = ancestors[ancestors.length - 1];
      const isProperty = !!parent && (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed;
      if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && /^(body|rawBody|text)$/.test(memberPropertyName(node) ?? "")) noun = "request body";
      else if (node.type === "Identifier" && !isProperty && node.name !== "JSON" && node.name !== "Buffer") noun = /body|raw|text/i.test(node.name) ? "request body" : humanize(node.name);
      return !noun;
    });
  }
  return noun ?? "request body";
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


/** A function of a module the file imports (or of the file) that parses `param.body` as JSON inside a try: the code's own reader of that input. */
interface OwnParser {
  name: string;
  generic: boolean;
  /** Repo path of the module that exports it, or null for a function of the culprit file. */
  fromPath: string | null;
  exampleAt: string;
}

/** `catch { return null; }`: the reader reports input it cannot read by returning nothing, which a guard can test. */
function returnsNothingOnFailure(fn: t.Function): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || (isFunctionNode(node) && node !== fn)) return false;
    if (node.type === "TryStatement" && node.handler) {
      walk(node.handler.body, (inner) => {
        if (inner.type !== "ReturnStatement") return;
        const value = inner.argument ? unwrapTs(inner.argument) : null;
        if (value === null || value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined")) found = true;
      });
    }
    return !found;
  });
  return found;
}

function parsesMemberSafely(fn: t.Function, member: string): boolean {
  const first = fn.params[0];
  if (!first || first.type !== "Identifier" || fn.async || !returnsNothingOnFailure(fn)) return false;
  let found = false;
  walk(fn.body, (node, ancestors) => {
    if (found) return false;
    if (node.type !== "CallExpression" || !isJsonParse(node)) return true;
    if (!ancestors.some((ancestor) => ancestor.type === "TryStatement" && ancestor.handler)) return true;
    // The function reads `param.body` (for the parse, directly or through a local computed from it).
    let reads = false;
    walk(fn.body, (inner) => {
      if (reads) return false;
      if ((inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") && inner.object.type === "Identifier" && inner.object.name === first.name && memberPropertyName(inner) === member) reads = true;
      return !reads;
    });
    if (reads) found = true;
    return !found;
  });
  return found;
}

function exportedFunctions(program: t.Program): { name: string; fn: t.Function }[] {
  const found: { name: string; fn: t.Function }[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : null;
    if (!declaration) continue;
    if (declaration.type === "FunctionDeclaration" && declaration.id) found.push({ name: declaration.id.name, fn: declaration });
    if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations) {
        const init = declarator.init ? unwrapTs(declarator.init) : null;
        if (declarator.id.type === "Identifier" && init && (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression")) found.push({ name: declarator.id.name, fn: init });
      }
    }
  }
  return found;
}

async function findOwnParser(env: RepairEnv, member: string): Promise<OwnParser | null> {
  const { ctx, parsed } = env;
  const files = new Set(await ctx.repo.listFiles());
  for (const statement of parsed.program.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    const path = resolveSpecifier(ctx.culprit.file, statement.source.value, (candidate) => files.has(candidate));
    if (!path) continue;
    const text = await ctx.repo.readFile(path);
    if (!text || !text.includes("JSON.parse")) continue;
    let program: t.Program;
    try {
      program = parseSource(path, text).program;
    } catch {
      continue;
    }
    for (const { name, fn } of exportedFunctions(program)) {
      if (!parsesMemberSafely(fn, member)) continue;
      return { name, generic: fn.typeParameters?.type === "TSTypeParameterDeclaration" && fn.typeParameters.params.length > 0, fromPath: path, exampleAt: `${path}:${fn.loc?.start.line ?? 0}` };
    }
  }
  return null;
}

/** `JSON.parse(event.body ?? "{}")` where the code has `parseBody(event)`: read the input the way the code's own reader does, then answer 400 when it cannot. */
async function ownParserCandidates(env: RepairEnv, site: ParseSite, statement: t.Statement, statementAncestors: readonly Node[]): Promise<FixCandidate[]> {
  const { ctx, parsed } = env;
  if (!isJsonParse(site.call) || statement.type !== "VariableDeclaration" || statement.declarations.length !== 1) return [];
  const declarator = statement.declarations[0]!;
  if (declarator.id.type !== "Identifier" || !declarator.init) return [];
  const argument = site.call.arguments[0];
  if (!argument || argument.type === "SpreadElement" || argument.type === "ArgumentPlaceholder") return [];
  // The parameter and member the parse reads: `event.body`.
  let read: { root: string; member: string } | null = null;
  walk(argument, (node) => {
    if (read) return false;
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && node.object.type === "Identifier" && !node.computed) {
      const binding = findBinding(node.object.name, site.ancestors);
      const name = memberPropertyName(node);
      if (binding?.kind === "param" && name) read = { root: node.object.name, member: name };
    }
    return !read;
  });
  if (!read) return [];
  const { root, member } = read as { root: string; member: string };
  const parser = await findOwnParser(env, member);
  if (!parser || !parser.fromPath) return [];
  const splices: Splice[] = [];
  const planned = importSplice(ctx.culprit.file, ctx.source, parsed.program, parsed.style, { name: parser.name, fromPath: parser.fromPath, kind: "named" });
  if (!planned) return [];
  if (findBinding(parser.name, site.ancestors)?.kind !== "import") splices.push(planned.splice);
  const annotation = declarator.id.typeAnnotation?.type === "TSTypeAnnotation" ? textOf(ctx.source, declarator.id.typeAnnotation.typeAnnotation) : null;
  const init = declarator.init;
  const call = parser.generic && annotation ? `${parser.name}<${annotation}>(${root})` : `${parser.name}(${root})`;
  if (parser.generic && annotation && declarator.id.typeAnnotation) splices.push({ start: endOf(declarator.id) - textOf(ctx.source, declarator.id.typeAnnotation).length, end: endOf(declarator.id), text: "" });
  splices.push({ start: startOf(init), end: endOf(init), text: call });
  const need = { status: 400, kind: "bad-request" as const, noun: "request body", message: "request body must be valid JSON", variable: null, lookup: null, invalid: true };
  const name = declarator.id.name;
  const candidates: FixCandidate[] = [];
  for (const option of answerOptions(env, need, { ancestors: statementAncestors, offset: endOf(statement) }, { nothingValue: false }).slice(0, 1)) {
    const lines = option.braced ? [`if (!${name}) {`, ...option.lines.map((line) => parsed.style.indentUnit + line), "}"] : guardLines(`!${name}`, option.lines, parsed.style);
    const after = applySplices(ctx.source, [...splices, ...option.splices, insertAfterStatement(ctx.source, statement, lines, parsed.style)]);
    candidates.push({
      patternId: jsonParseBodyPattern.id,
      baseConfidence: 0.895,
      summary: `Reads ${root}.${member} with the code's own ${parser.name}() (${parser.exampleAt}) instead of a bare JSON.parse, and answers 400 ${option.how} when it cannot be read.`,
      rootCause: `${where(ctx, site.call.loc?.start.line)}: JSON.parse reads ${root}.${member} directly, which ${parser.name}() exists to read; input it cannot parse throws a SyntaxError here.`,
      changes: change(ctx, after),
      style: "json-400",
      expectation: { outcome: "answers", status: 400, bodyKeys: option.expectation.outcome === "answers" ? option.expectation.bodyKeys : null, description: `input ${parser.name}() can read is accepted as before; input it cannot read answers 400` },
      rank: { strategy: "source-guard", fit: 0.95 },
    });
  }
  return candidates;
}

export const jsonParseBodyPattern: FixPattern = {
  id: "json-parse-body",
  errorClass: "json-parse-body",
  baseConfidence: 0.9,
  description: "Client input that is not valid JSON: parse it in a try/catch that answers 400 in the code's own idiom.",
  async generate(ctx) {
    const env = await repairEnv(ctx);
    if (!env) return [];
    const { parsed, knowledge } = env;
    const site = findParseSite(parsed.program, ctx.culprit.line, knowledge);
    if (!site) return [];
    const held = enclosingListStatement(site.call, site.ancestors);
    if (!held) return [];
    const statementAncestors = site.ancestors.slice(0, held.index + 1);
    const statement = held.statement;
    const { style } = parsed;
    const end = (text: string): string => (style.semicolons ? `${text};` : text);

    let declare: string | null = null;
    let assign: string;
    let trailing: string | null = null;
    const parseOnly = (init: Node): boolean => unwrapTs(init) === site.call || (unwrapTs(init).type === "AwaitExpression" && unwrapTs((unwrapTs(init) as t.AwaitExpression).argument) === site.call);
    const value = statement.type === "VariableDeclaration" && statement.declarations.length === 1 ? statement.declarations[0]!.init : statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression" ? statement.expression.right : null;
    if (value && !parseOnly(value) && (value.start ?? 0) <= (site.call.start ?? 0) && evaluatedUnconditionally(site.call, site.ancestors, value)) {
      // Only the parse goes in the try: what the statement does with the parsed value (a validation
      // that answers 422 on its own) keeps its own errors.
      const name = freshName(parsed.program);
      declare = end(`let ${name}`);
      assign = end(`${name} = ${textOf(ctx.source, site.call)}`);
      trailing = ctx.source.slice(statement.start ?? 0, site.call.start ?? 0) + name + ctx.source.slice(site.call.end ?? 0, statement.end ?? 0);
    } else if (statement.type === "VariableDeclaration" && statement.declarations.length === 1 && statement.declarations[0]!.init) {
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
    const noun = inputNoun(site);
    const need = { status: 400, kind: "bad-request" as const, noun, message: noun === "request body" ? "invalid JSON body" : `invalid JSON in ${noun}`, helperMessage: `${noun} must be valid JSON`, variable: null, lookup: null, invalid: true };
    const readsWhat = textOf(ctx.source, site.call);
    const candidates: FixCandidate[] = await ownParserCandidates(env, site, statement, statementAncestors);
    for (const option of answerOptions(env, need, { ancestors: statementAncestors, offset: statement.start ?? 0 }, { nothingValue: false })) {
      const lines = [
        ...(declare ? [declare] : []),
        "try {",
        `${style.indentUnit}${assign}`,
        "} catch {",
        ...option.lines.map((line) => `${style.indentUnit}${line}`),
        "}",
        ...(trailing ? [trailing] : []),
      ];
      const text = lines.map((line, index) => (index === 0 ? line : `${indent}${line}`)).join(style.eol);
      const after = applySplices(ctx.source, [{ start: statement.start ?? 0, end: statement.end ?? 0, text }, ...option.splices]);
      candidates.push({
        patternId: jsonParseBodyPattern.id,
        baseConfidence: Math.round((0.8 + 0.1 * option.fit) * 1000) / 1000,
        summary: `Wraps ${readsWhat} in a try/catch that answers 400 ${option.how}; valid input takes the same path as before.`,
        rootCause: `${where(ctx, site.call.loc?.start.line)}: ${readsWhat} throws a SyntaxError when a client sends input that is not valid JSON, and nothing catches it.`,
        changes: change(ctx, after),
        style: "json-400",
        expectation: option.expectation,
        rank: { strategy: "early-exit", fit: option.fit },
      });
    }
    return candidates;
  },
};
