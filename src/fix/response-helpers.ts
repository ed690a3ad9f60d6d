import type * as t from "@babel/types";
import { type FunctionNode, type Node, isFunctionNode, unwrapTs, walk } from "./ast-tools.ts";
import { parseSource } from "./parse-source.ts";
import type { SourceReader } from "./fix-context.ts";
import { dirnameOf, joinRepoPath } from "./posix-path.ts";

// Response helpers: the small functions many fetch-style apps answer with (`json(body, status)`,
// `notFound("user")`, `badRequest(message)`), declared in the file or in a module it imports. Knowing
// them tells two things: a function that returns their calls is a request handler, and a fix should
// answer with them rather than with a hand-built Response the rest of the code never writes.

export type HelperArgument = "noun" | "message" | "body" | "none" | "unknown";

export interface ResponseHelper {
  /** The name the culprit file calls it by (for an importable helper: its exported name). */
  name: string;
  /** The status its name promises (`notFound` → 404), or null for a generic one like `json`. */
  status: number | null;
  /** What its first argument is: a record noun (`notFound("user")`), a message, a body, nothing. */
  argument: HelperArgument;
  /** `json(body, status)`: the second parameter is the status. */
  takesStatus: boolean;
  /** Parameters without a default that a call must pass. */
  required: number;
  /** Declared in the culprit file, imported into it, or exported by a module it already imports from. */
  origin: "local" | "imported" | "importable";
  /** For an importable helper: the existing named import of its module, to extend. */
  importDeclaration: t.ImportDeclaration | null;
}

export interface ResponseKnowledge {
  /** Every name the culprit file can call that is known to return a Response (handlers included). */
  responders: ReadonlySet<string>;
  /** Functions fit to answer an error: they return a Response and take no request. */
  helpers: readonly ResponseHelper[];
}

export const NO_RESPONSE_KNOWLEDGE: ResponseKnowledge = Object.freeze({ responders: new Set<string>(), helpers: [] });

/** Imported modules read per fix: a route file imports a handful; more is not a response-helper search. */
const MAX_MODULES = 12;
/** A helpers module is small; a huge file is generated code or a bundle, not worth parsing in an edge isolate. */
const MAX_MODULE_CHARS = 200_000;

const STATUS_BY_NAME: ReadonlyMap<string, number> = new Map([
  ["badrequest", 400],
  ["unauthorized", 401],
  ["unauthorised", 401],
  ["forbidden", 403],
  ["notfound", 404],
  ["methodnotallowed", 405],
  ["conflict", 409],
  ["gone", 410],
  ["payloadtoolarge", 413],
  ["unprocessable", 422],
  ["unprocessableentity", 422],
  ["unprocessablecontent", 422],
  ["toomanyrequests", 429],
]);

const NOUN_PARAM = /^_?(what|noun|resource|entity|kind|thing|type|subject|record|item|model|label|name)$/i;
const MESSAGE_PARAM = /^_?(message|msg|detail|details|reason|error|err|text|description|explanation|why)$/i;
const BODY_PARAM = /^_?(body|data|payload|value|content|json|object|obj|result)$/i;
const STATUS_PARAM = /^_?(status|statusCode|code|httpStatus)$/i;
const REQUEST_TYPES = new Set(["Request", "NextRequest", "IncomingMessage", "FastifyRequest", "HonoRequest", "ServerRequest"]);

/** The status a helper's name promises: `notFound`, `badRequest`, `unprocessableEntity`, `sendNotFound`, `notFoundResponse`. */
export function statusOfHelperName(name: string): number | null {
  const key = name
    .toLowerCase()
    .replace(/[_$-]/g, "")
    .replace(/^(send|respond|reply)/, "")
    .replace(/(response|error)$/, "");
  return STATUS_BY_NAME.get(key) ?? null;
}

function paramIdentifier(param: Node | undefined): t.Identifier | null {
  if (!param) return null;
  if (param.type === "Identifier") return param;
  if (param.type === "AssignmentPattern" && param.left.type === "Identifier") return param.left;
  if (param.type === "TSParameterProperty") return paramIdentifier(param.parameter);
  return null;
}

function typeName(annotation: Node | null | undefined): string | null {
  if (!annotation || annotation.type !== "TSTypeAnnotation") return null;
  const type = annotation.typeAnnotation;
  if (type.type !== "TSTypeReference") return null;
  if (type.typeName.type === "Identifier") return type.typeName.name;
  if (type.typeName.type === "TSQualifiedName") return type.typeName.right.name;
  return null;
}

/**
 * What the first parameter says about a function: it takes a request ("request"), something else
 * ("other": a message, a body, a typed value), or nothing ("none"). Untyped names that read like a
 * helper's argument (`what`, `message`, `body`) are "other"; any other untyped name may be a request.
 */
export function firstParamRole(fn: FunctionNode): "request" | "other" | "none" {
  const param = fn.params[0];
  if (!param) return "none";
  if (param.type === "RestElement") return "other";
  if (param.type === "ObjectPattern") return "request";
  const identifier = paramIdentifier(param);
  if (!identifier) return "other";
  if (identifier.typeAnnotation) return REQUEST_TYPES.has(typeName(identifier.typeAnnotation) ?? "") ? "request" : "other";
  const name = identifier.name;
  return NOUN_PARAM.test(name) || MESSAGE_PARAM.test(name) || BODY_PARAM.test(name) || STATUS_PARAM.test(name) ? "other" : "request";
}

/** `: Response`, `: NextResponse`, `: Promise<Response>` (a union naming one counts too). */
export function declaresResponse(fn: FunctionNode): boolean {
  const annotation = fn.returnType;
  if (!annotation || annotation.type !== "TSTypeAnnotation") return false;
  return isResponseType(annotation.typeAnnotation, 0);
}

/** A declared return type that is neither a Response nor a promise of one (`string`, `Promise<T>`). */
export function declaresOtherThanResponse(fn: FunctionNode): boolean {
  const annotation = fn.returnType;
  if (!annotation || annotation.type !== "TSTypeAnnotation") return false;
  const type = annotation.typeAnnotation;
  if (type.type === "TSAnyKeyword" || type.type === "TSUnknownKeyword") return false;
  return !isResponseType(type, 0);
}

function isResponseType(type: t.TSType, depth: number): boolean {
  if (depth > 3) return false;
  if (type.type === "TSParenthesizedType") return isResponseType(type.typeAnnotation, depth + 1);
  if (type.type === "TSUnionType") return type.types.some((member) => isResponseType(member, depth + 1));
  if (type.type !== "TSTypeReference" || type.typeName.type !== "Identifier") return false;
  const name = type.typeName.name;
  if (name === "Response" || name === "NextResponse") return true;
  if (name === "Promise" || name === "PromiseLike") {
    const inner = type.typeParameters?.params[0];
    return !!inner && isResponseType(inner, depth + 1);
  }
  return false;
}

/** `new Response(...)`, `Response.json(...)`, `NextResponse.*(...)`, or a call of a known responder, possibly awaited. */
export function isResponseExpression(node: Node | null | undefined, responders: ReadonlySet<string>): boolean {
  if (!node) return false;
  let value = unwrapTs(node);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  if (value.type === "NewExpression") return value.callee.type === "Identifier" && value.callee.name === "Response";
  if (value.type !== "CallExpression") return false;
  const callee = unwrapTs(value.callee);
  if (callee.type === "Identifier") return responders.has(callee.name);
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.object.type === "Identifier" &&
    (callee.object.name === "Response" || callee.object.name === "NextResponse")
  );
}

/** The values a function returns itself (an expression body, or its own return statements). */
export function returnedValues(fn: FunctionNode): (Node | null)[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const values: (Node | null)[] = [];
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === "ReturnStatement") values.push(node.argument ?? null);
    return true;
  });
  return values;
}

interface DeclaredFunction {
  local: string;
  fn: FunctionNode;
  /** Names other modules import it by. */
  exportedAs: string[];
}

/** Top-level functions of a module: declarations and `const f = (...) => ...`, with their export names. */
function topLevelFunctions(program: t.Program): Map<string, DeclaredFunction> {
  const functions = new Map<string, DeclaredFunction>();
  const add = (local: string, fn: FunctionNode, exported: boolean): void => {
    functions.set(local, { local, fn, exportedAs: exported ? [local] : [] });
  };
  for (const statement of program.body) {
    const exported = statement.type === "ExportNamedDeclaration";
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === "FunctionDeclaration" && declaration.id) add(declaration.id.name, declaration, exported);
    if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== "Identifier" || !declarator.init) continue;
        const init = unwrapTs(declarator.init);
        if (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression") add(declarator.id.name, init, exported);
      }
    }
  }
  // `export { json, notFound as missing }` after the declarations.
  for (const statement of program.body) {
    if (statement.type !== "ExportNamedDeclaration" || statement.source || statement.declaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== "ExportSpecifier" || statement.exportKind === "type") continue;
      const found = functions.get(specifier.local.name);
      const name = specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
      if (found && !found.exportedAs.includes(name)) found.exportedAs.push(name);
    }
  }
  return functions;
}

/** Names of the functions that return a Response: declared so, or every return is one (helpers calling helpers included). */
function responseFunctionNames(functions: ReadonlyMap<string, DeclaredFunction>, known: ReadonlySet<string>): Set<string> {
  const names = new Set<string>(known);
  const result = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, declared] of functions) {
      if (result.has(name)) continue;
      const values = returnedValues(declared.fn);
      const responds = declaresResponse(declared.fn) || (!declaresOtherThanResponse(declared.fn) && values.length > 0 && values.every((value) => isResponseExpression(value, names)));
      if (!responds) continue;
      result.add(name);
      names.add(name);
      changed = true;
    }
  }
  return result;
}

function describeHelper(name: string, fn: FunctionNode, origin: ResponseHelper["origin"], importDeclaration: t.ImportDeclaration | null): ResponseHelper {
  const required = fn.params.filter((param) => param.type === "Identifier" && !param.optional).length;
  const first = paramIdentifier(fn.params[0]);
  const second = paramIdentifier(fn.params[1]);
  let argument: HelperArgument = "unknown";
  if (fn.params.length === 0) argument = "none";
  else if (first && NOUN_PARAM.test(first.name)) argument = "noun";
  else if (first && MESSAGE_PARAM.test(first.name)) argument = "message";
  else if (first && BODY_PARAM.test(first.name)) argument = "body";
  return {
    name,
    status: statusOfHelperName(name),
    argument,
    takesStatus: !!second && STATUS_PARAM.test(second.name),
    required,
    origin,
    importDeclaration,
  };
}

/** The repo path an import specifier names: TypeScript's `.js`-for-`.ts` convention and extensionless paths included. */
async function resolveModule(repo: SourceReader, importer: string, specifier: string): Promise<{ path: string; text: string } | null> {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const base = joinRepoPath(dirnameOf(importer), specifier);
  if (base === null) return null;
  const candidates: string[] = [base];
  const extension = /\.[cm]?[jt]sx?$/.exec(base)?.[0];
  if (extension === ".js" || extension === ".jsx") candidates.push(base.replace(/\.jsx?$/, ".ts"), base.replace(/\.jsx?$/, ".tsx"));
  else if (extension === ".mjs") candidates.push(base.replace(/\.mjs$/, ".mts"));
  else if (extension === ".cjs") candidates.push(base.replace(/\.cjs$/, ".cts"));
  else if (!extension) for (const suffix of [".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", "/index.ts", "/index.tsx", "/index.js"]) candidates.push(base + suffix);
  for (const path of candidates) {
    const text = await repo.readFile(path);
    if (text !== null) return { path, text };
  }
  return null;
}

function identifiersIn(program: t.Program): Set<string> {
  const names = new Set<string>();
  walk(program, (node) => {
    if (node.type === "Identifier") names.add(node.name);
  });
  return names;
}

/**
 * The response helpers the culprit file has or can import: its own top-level functions, the
 * functions it imports from relative modules (read through the repo), and the other helpers those
 * modules export (importable by extending the existing import). Modules that cannot be read or
 * parsed are skipped: less knowledge, never a wrong guess.
 */
export async function findResponseHelpers(program: t.Program, file: string, repo: SourceReader): Promise<ResponseKnowledge> {
  const responders = new Set<string>();
  const helpers: ResponseHelper[] = [];
  const used = identifiersIn(program);
  let modules = 0;
  for (const statement of program.body) {
    if (statement.type !== "ImportDeclaration" || statement.importKind === "type") continue;
    if (modules >= MAX_MODULES) break;
    const resolved = await resolveModule(repo, file, statement.source.value);
    if (!resolved || resolved.text.length > MAX_MODULE_CHARS) continue;
    modules += 1;
    let moduleProgram: t.Program;
    try {
      moduleProgram = parseSource(resolved.path, resolved.text).program;
    } catch {
      continue;
    }
    const functions = topLevelFunctions(moduleProgram);
    const responding = responseFunctionNames(functions, new Set());
    const named = statement.specifiers.filter((specifier): specifier is t.ImportSpecifier => specifier.type === "ImportSpecifier" && specifier.importKind !== "type");
    for (const local of responding) {
      const declared = functions.get(local)!;
      for (const exportName of declared.exportedAs) {
        const specifier = named.find((item) => (item.imported.type === "Identifier" ? item.imported.name : item.imported.value) === exportName);
        const helperShaped = firstParamRole(declared.fn) !== "request";
        if (specifier) {
          responders.add(specifier.local.name);
          if (helperShaped) helpers.push(describeHelper(specifier.local.name, declared.fn, "imported", null));
        } else if (helperShaped && named.length > 0 && !used.has(exportName)) {
          helpers.push(describeHelper(exportName, declared.fn, "importable", statement));
        }
      }
    }
  }
  const local = topLevelFunctions(program);
  for (const name of responseFunctionNames(local, responders)) {
    responders.add(name);
    const declared = local.get(name);
    if (declared && firstParamRole(declared.fn) !== "request") helpers.push(describeHelper(name, declared.fn, "local", null));
  }
  return { responders, helpers };
}
