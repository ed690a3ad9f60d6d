import type * as t from "@babel/types";
import { type CodeStyle, type FunctionNode, type Node, detectStyle, endStatement, findBinding, isFunctionNode, rootIdentifier, unwrapTs, walk } from "../ast-tools.ts";
import type { FileChange } from "../file-change.ts";
import type { RequestHandler } from "../request-handler.ts";
import { parseSource } from "../parse-source.ts";
import type { FixContext } from "../fix-context.ts";

// Analysis shared by several patterns: parsing the culprit once, return types, where a value
// comes from (the request, a lookup), and the change record.

export interface ParsedFile {
  program: t.Program;
  style: CodeStyle;
}

/** Parse the culprit file; null when it does not parse (nothing safe to patch then). */
export function parseCulprit(ctx: FixContext): ParsedFile | null {
  try {
    const ast = parseSource(ctx.culprit.file, ctx.source);
    return { program: ast.program, style: detectStyle(ctx.source, ast.program) };
  } catch {
    return null;
  }
}

export function change(ctx: FixContext, after: string): FileChange[] {
  return [{ path: ctx.culprit.file, before: ctx.source, after }];
}

export function where(ctx: FixContext, line?: number): string {
  return `${ctx.culprit.file}:${line ?? ctx.culprit.line}`;
}

/** Ancestors of a node inside root (outermost first), or null when it is not there. */
export function locate(root: Node, target: Node): Node[] | null {
  let found: Node[] | null = null;
  walk(root, (node, ancestors) => {
    if (found) return false;
    if (node === target) {
      found = [...ancestors];
      return false;
    }
    const start = node.start ?? 0;
    const end = node.end ?? 0;
    return start <= (target.start ?? 0) && end >= (target.end ?? 0);
  });
  return found;
}

// ---- return types --------------------------------------------------------------------------------

/** The declared return type, unwrapped from Promise<...> for async functions. */
export function declaredReturnType(fn: FunctionNode): t.TSType | null {
  const annotation = fn.returnType;
  if (!annotation || annotation.type !== "TSTypeAnnotation") return null;
  let type = annotation.typeAnnotation;
  if (fn.async && type.type === "TSTypeReference" && type.typeName.type === "Identifier" && type.typeName.name === "Promise") {
    const inner = type.typeParameters?.params[0];
    if (inner) type = inner;
  }
  return type;
}

function unionMembers(type: t.TSType): t.TSType[] {
  if (type.type === "TSParenthesizedType") return unionMembers(type.typeAnnotation);
  if (type.type === "TSUnionType") return type.types.flatMap(unionMembers);
  return [type];
}

/** Whether a TS type admits undefined (or null): any, unknown, void, or a union naming it. */
export function typeAdmits(type: t.TSType, value: "undefined" | "null"): boolean {
  return unionMembers(type).some((member) => {
    if (member.type === "TSAnyKeyword" || member.type === "TSUnknownKeyword") return true;
    if (value === "undefined") return member.type === "TSUndefinedKeyword" || member.type === "TSVoidKeyword";
    return member.type === "TSNullKeyword";
  });
}

function isArrayType(type: t.TSType): boolean {
  if (type.type === "TSArrayType" || type.type === "TSTupleType") return type.type === "TSArrayType" || type.elementTypes.length === 0;
  if (type.type === "TSTypeOperator" && type.operator === "readonly") return isArrayType(type.typeAnnotation);
  return type.type === "TSTypeReference" && type.typeName.type === "Identifier" && (type.typeName.name === "Array" || type.typeName.name === "ReadonlyArray");
}

/** Return statements of the function itself (not of nested functions). */
export function ownReturns(fn: FunctionNode): t.ReturnStatement[] {
  const returns: t.ReturnStatement[] = [];
  if (fn.body.type !== "BlockStatement") return returns;
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === "ReturnStatement") returns.push(node);
    return true;
  });
  return returns;
}

/**
 * The early-return statement that keeps this function's types honest: what it already returns for
 * "nothing" (null, undefined, an empty array, or nothing at all). Null when no such value exists.
 */
export function earlyReturnStatement(fn: FunctionNode, style: CodeStyle): string | null {
  if (fn.generator || fn.body.type !== "BlockStatement") return null;
  if ((fn.type === "ClassMethod" || fn.type === "ClassPrivateMethod") && fn.kind !== "method") return null;
  const declared = declaredReturnType(fn);
  if (declared) {
    const members = unionMembers(declared);
    const anyish = members.some((member) => member.type === "TSAnyKeyword" || member.type === "TSUnknownKeyword");
    if (!anyish) {
      if (members.some((member) => member.type === "TSNullKeyword")) return endStatement("return null", style);
      if (members.some((member) => member.type === "TSUndefinedKeyword")) return endStatement("return undefined", style);
      if (members.some((member) => member.type === "TSVoidKeyword")) return endStatement("return", style);
      if (members.length === 1 && isArrayType(members[0]!)) return endStatement("return []", style);
      return null;
    }
  }
  const returns = ownReturns(fn);
  const values = returns.map((statement) => (statement.argument ? unwrapTs(statement.argument) : null));
  if (values.every((value) => value === null)) return endStatement("return", style);
  if (values.some((value) => value?.type === "NullLiteral")) return endStatement("return null", style);
  if (values.some((value) => value === null || (value.type === "Identifier" && value.name === "undefined"))) return endStatement("return", style);
  // The function already answers "nothing" with an empty list somewhere.
  if (values.some((value) => value?.type === "ArrayExpression" && value.elements.length === 0)) return endStatement("return []", style);
  return null;
}

// ---- where values come from --------------------------------------------------------------------

const LOOKUP_METHODS = /^(find|findOne|findFirst|findUnique|findById|findByPk|get|getOne|getById|fetch|load|lookup|query|select|single|maybeSingle|first|read|retrieve)/i;

/** A value obtained by looking a record up: a (possibly awaited) call, or an indexed read like `users[id]`. */
export function isLookupInit(init: Node | null | undefined): boolean {
  if (!init) return false;
  let value = unwrapTs(init);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  if (value.type === "CallExpression" || value.type === "OptionalCallExpression") {
    const callee = unwrapTs(value.callee);
    if (callee.type === "Identifier") return LOOKUP_METHODS.test(callee.name);
    if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && callee.property.type === "Identifier") {
      return LOOKUP_METHODS.test(callee.property.name) || isLookupInit(callee.object);
    }
    return false;
  }
  return (value.type === "MemberExpression" || value.type === "OptionalMemberExpression") && value.computed;
}

/**
 * Members that lead from a handler's context object to the app's data rather than to the request:
 * `ctx.db.users.get(id)` (a custom router's context), `c.env.DB.prepare(...)` (Hono). A value read
 * through them is a lookup, not something the client sent.
 */
const DATA_MEMBERS = /^(db|database|store|storage|repo|repository|repositories|prisma|supabase|knex|pool|sql|redis|cache|kv|env|models|services|orm|em|entityManager|dataSource)$/i;

function passesThroughData(chain: Node): boolean {
  let current = unwrapTs(chain);
  while (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
    if (!current.computed && current.property.type === "Identifier" && DATA_MEMBERS.test(current.property.name)) return true;
    current = unwrapTs(current.object);
  }
  return false;
}

/** True when the value's root is the request (a handler parameter) or a variable taken from it. */
export function isRequestDerived(expression: Node, handler: RequestHandler, ancestors: readonly Node[], depth = 0): boolean {
  if (depth > 3) return false;
  let value = unwrapTs(expression);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  while (value.type === "CallExpression" || value.type === "OptionalCallExpression") {
    const callee = unwrapTs(value.callee);
    if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return false;
    value = unwrapTs(callee.object);
  }
  if (passesThroughData(value)) return false;
  // `new URL(req.url).searchParams.get("token")`: the URL's members come from the request too.
  let base: Node = value;
  while (base.type === "MemberExpression" || base.type === "OptionalMemberExpression") base = unwrapTs(base.object);
  if (base !== value && base.type === "NewExpression") value = base;
  if (value.type === "NewExpression" && value.callee.type === "Identifier" && value.callee.name === "URL") {
    const first = value.arguments[0];
    return !!first && first.type !== "SpreadElement" && first.type !== "ArgumentPlaceholder" && isRequestDerived(first, handler, ancestors, depth + 1);
  }
  const root = rootIdentifier(value);
  if (!root) return false;
  const binding = findBinding(root.name, ancestors);
  if (!binding) return false;
  if (binding.kind === "param") return binding.fn === handler.fn && handler.requestNames.has(root.name);
  if ((binding.kind === "const" || binding.kind === "let") && binding.declarator.init) {
    const declarationAncestors = locate(handler.fn, binding.declarator);
    if (!declarationAncestors) return false;
    return isRequestDerived(binding.declarator.init, handler, declarationAncestors, depth + 1);
  }
  return false;
}

/** The function a statement belongs to may answer for the handler: the handler itself, or (for
 * handlers that write to a response object) a callback inside it that still sees that object. */
export function canAnswerFrom(handler: RequestHandler, statementAncestors: readonly Node[]): boolean {
  let nearest: FunctionNode | null = null;
  for (let index = statementAncestors.length - 1; index >= 0; index -= 1) {
    const node = statementAncestors[index]!;
    if (isFunctionNode(node)) {
      nearest = node;
      break;
    }
  }
  if (nearest === handler.fn) return true;
  if (!handler.responseName || !nearest) return false;
  const binding = findBinding(handler.responseName, statementAncestors);
  return binding?.kind === "param" && binding.fn === handler.fn;
}

/** A loop between a statement and its function: an early return there would end the whole loop. */
export function loopBetween(ancestors: readonly Node[], fn: FunctionNode): boolean {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (node === fn) return false;
    if (
      node.type === "ForStatement" ||
      node.type === "ForOfStatement" ||
      node.type === "ForInStatement" ||
      node.type === "WhileStatement" ||
      node.type === "DoWhileStatement"
    ) {
      return true;
    }
  }
  return false;
}

/** A readable noun for the value a pure chain names: `user`, `req.params.id` → `id`, `req.body` → `request body`. */
export function nounOf(expression: Node): string {
  const value = unwrapTs(expression);
  if (value.type === "Identifier") return value.name === "body" ? "request body" : value.name;
  if ((value.type === "MemberExpression" || value.type === "OptionalMemberExpression") && value.property.type === "Identifier" && !value.computed) {
    return value.property.name === "body" ? "request body" : value.property.name;
  }
  if ((value.type === "MemberExpression" || value.type === "OptionalMemberExpression") && value.property.type === "StringLiteral") return value.property.value;
  return "value";
}
