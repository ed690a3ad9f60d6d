import type * as t from "@babel/types";
import { type Node, findAll, findBinding, isPureChain, memberPropertyName, startOf, endOf, textOf, unwrapTs, walk } from "../ast-tools.ts";
import { notAFunctionCallee } from "../../diagnose/classify.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { applySplices } from "../splice.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 2: an array method called on something that is not an array (`users.map is not a
// function`). The guard `(Array.isArray(x) ? x : [])` keeps the code running on an empty list;
// it is only proposed when nothing suggests the value is really a string or a wrapper object
// (`{ data: [...] }`), where the right fix is different and needs a person.

const CONFIDENCE = 0.8;

const ARRAY_METHODS = new Set([
  "map", "filter", "reduce", "reduceRight", "forEach", "find", "findIndex", "findLast", "findLastIndex", "some", "every",
  "flatMap", "flat", "includes", "join", "slice", "sort", "concat", "indexOf", "lastIndexOf", "at", "entries", "keys", "values", "toSorted", "toReversed", "fill", "reverse",
]);

/** Keys of the wrapper objects paginated APIs return (`{ data: [...] }`): the list is inside, not the value itself. */
const WRAPPER_KEYS = new Set(["data", "items", "results", "rows", "records", "list", "edges", "nodes", "hits", "docs", "entries", "values", "content", "payload"]);

function normalize(text: string): string {
  return text.replace(/\s+/g, "").replace(/\?\./g, ".");
}

/** Signs in the code that `name` holds a string or an object wrapping a list. */
function hasContraryEvidence(program: t.Program, source: string, object: Node, ancestors: readonly Node[]): boolean {
  const root = unwrapTs(object);
  if (root.type !== "Identifier") return false;
  const binding = findBinding(root.name, ancestors);
  if (binding && (binding.kind === "const" || binding.kind === "let" || binding.kind === "var")) {
    const id = binding.declarator.id;
    const annotation = id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" ? id.typeAnnotation.typeAnnotation : null;
    if (annotation && isStringOrWrapperType(annotation)) return true;
    const init = binding.declarator.init ? unwrapTs(binding.declarator.init) : null;
    if (init && (init.type === "StringLiteral" || init.type === "TemplateLiteral")) return true;
    if (init && isStringProducingCall(init)) return true;
    if (init?.type === "ObjectExpression") return true;
  }
  if (binding?.kind === "param" && binding.param.type === "Identifier" && binding.param.typeAnnotation?.type === "TSTypeAnnotation") {
    if (isStringOrWrapperType(binding.param.typeAnnotation.typeAnnotation)) return true;
  }
  // Elsewhere in the file the same name is read as a wrapper (`users.data`) or tested as a string.
  let contrary = false;
  walk(program, (node) => {
    if (contrary) return false;
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && unwrapTs(node.object).type === "Identifier") {
      const objectName = (unwrapTs(node.object) as t.Identifier).name;
      const key = memberPropertyName(node);
      if (objectName === root.name && key && WRAPPER_KEYS.has(key)) contrary = true;
    }
    if (node.type === "BinaryExpression" && node.left.type === "UnaryExpression" && node.left.operator === "typeof" && node.right.type === "StringLiteral" && node.right.value === "string") {
      if (textOf(source, node.left.argument) === root.name) contrary = true;
    }
    return true;
  });
  return contrary;
}

function isStringOrWrapperType(type: t.TSType): boolean {
  if (type.type === "TSStringKeyword" || type.type === "TSTemplateLiteralType") return true;
  if (type.type === "TSLiteralType" && type.literal.type === "StringLiteral") return true;
  if (type.type === "TSTypeLiteral") {
    return type.members.some((member) => member.type === "TSPropertySignature" && member.key.type === "Identifier" && WRAPPER_KEYS.has(member.key.name));
  }
  return false;
}

function isStringProducingCall(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = unwrapTs(node.callee);
  if (callee.type === "Identifier") return callee.name === "String";
  if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return false;
  const method = callee.property.name;
  if (callee.object.type === "Identifier" && callee.object.name === "JSON" && method === "stringify") return true;
  return ["toString", "toLowerCase", "toUpperCase", "trim", "readFileSync", "padStart", "padEnd", "toFixed", "toISOString"].includes(method);
}

export const notAFunctionPattern: FixPattern = {
  id: "not-a-function",
  errorClass: "not-a-function",
  baseConfidence: CONFIDENCE,
  description: "An array method called on a non-array: guard the receiver with Array.isArray, unless the code shows a string or a wrapper object.",
  async generate(ctx) {
    const callee = notAFunctionCallee(ctx.message);
    if (!callee || !ARRAY_METHODS.has(callee.method)) return [];
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const wanted = callee.object && callee.object !== "(intermediate value)" ? normalize(callee.object) : null;
    const calls = findAll(parsed.program, (node): node is t.CallExpression => node.type === "CallExpression" || node.type === "OptionalCallExpression").filter(({ node }) => {
      const target = unwrapTs(node.callee);
      if (target.type !== "MemberExpression" && target.type !== "OptionalMemberExpression") return false;
      if (memberPropertyName(target) !== callee.method) return false;
      if (target.property.loc?.start.line !== ctx.culprit.line && node.loc?.start.line !== ctx.culprit.line) return false;
      return wanted === null || normalize(textOf(ctx.source, unwrapTs(target.object))) === wanted;
    });
    // Two calls of the same method on the line with no way to tell them apart: do not guess.
    if (calls.length !== 1) return [];
    const { node: call, ancestors } = calls[0]!;
    const member = unwrapTs(call.callee) as t.MemberExpression;
    const object = unwrapTs(member.object);
    if (!isPureChain(object)) return [];
    if (hasContraryEvidence(parsed.program, ctx.source, object, ancestors)) return [];
    const objectText = textOf(ctx.source, object);
    // Only the value itself is replaced: a TS cast around it (`(users as User[])`) stays in place.
    const receiverStart = startOf(object);
    const receiverEnd = endOf(object);
    const parenthesized = object === member.object && (object.extra as { parenthesized?: boolean } | undefined)?.parenthesized === true;
    const guard = `(Array.isArray(${objectText}) ? ${objectText} : [])`;
    // Replace the receiver text itself; surrounding parentheses, if any, stay and stay harmless.
    const after = applySplices(ctx.source, [{ start: receiverStart, end: receiverEnd, text: parenthesized ? guard.slice(1, -1) : guard }]);
    const candidate: FixCandidate = {
      patternId: notAFunctionPattern.id,
      baseConfidence: CONFIDENCE,
      summary: `Calls .${callee.method}() on ${objectText} only when it is an array and on an empty list otherwise, leaving the rest of the expression as it was.`,
      rootCause: `${where(ctx, member.property.loc?.start.line)}: ${objectText} is not an array when .${callee.method}() is called on it.`,
      changes: change(ctx, after),
      style: "array-guard",
    };
    return [candidate];
  },
};
