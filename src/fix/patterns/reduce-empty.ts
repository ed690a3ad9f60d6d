import type * as t from "@babel/types";
import { type Node, endOf, findAll, findBinding, isFunctionNode, memberPropertyName, textOf, unwrapTs, walk } from "../ast-tools.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { applySplices } from "../splice.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 9: `reduce()` of an empty list without an initial value. A sum over nothing is 0, and only
// a sum: the callback must add to its accumulator (`(sum, tax) => sum + tax`), and the code must
// say the values are numbers (the list is typed number[], or the code sums the same way elsewhere
// with an initial 0). Anything else (a max, a merge, a string join) has no honest empty value.

function addsToAccumulator(callback: Node): boolean {
  if (!isFunctionNode(callback) || callback.params.length < 2) return false;
  const accumulator = callback.params[0];
  if (!accumulator || accumulator.type !== "Identifier") return false;
  let body: Node | null | undefined = callback.body;
  if (body.type === "BlockStatement") {
    const last = body.body[body.body.length - 1];
    body = body.body.length === 1 && last?.type === "ReturnStatement" ? last.argument : null;
  }
  if (!body) return false;
  const value = unwrapTs(body);
  return value.type === "BinaryExpression" && value.operator === "+" && unwrapTs(value.left).type === "Identifier" && (unwrapTs(value.left) as t.Identifier).name === accumulator.name;
}

function typedAsNumbers(receiver: Node, ancestors: readonly Node[]): boolean {
  const value = unwrapTs(receiver);
  if (value.type !== "Identifier") return false;
  const binding = findBinding(value.name, ancestors);
  if (!binding || (binding.kind !== "const" && binding.kind !== "let")) return false;
  const id = binding.declarator.id;
  const type = id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" ? id.typeAnnotation.typeAnnotation : null;
  if (!type) return false;
  if (type.type === "TSArrayType") return type.elementType.type === "TSNumberKeyword";
  return type.type === "TSTypeReference" && type.typeName.type === "Identifier" && type.typeName.name === "Array" && type.typeParameters?.params[0]?.type === "TSNumberKeyword";
}

/** Another sum in the file written with an initial 0: the code's own way of summing. */
function sumsWithZeroElsewhere(program: t.Program, except: Node): boolean {
  let found = false;
  walk(program, (node) => {
    if (found || node === except) return !found;
    if (node.type !== "CallExpression" || node.arguments.length !== 2) return true;
    const callee = unwrapTs(node.callee);
    if ((callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") || memberPropertyName(callee) !== "reduce") return true;
    const [callback, initial] = node.arguments;
    if (callback && addsToAccumulator(callback) && initial?.type === "NumericLiteral" && initial.value === 0) found = true;
    return !found;
  });
  return found;
}

export const reduceEmptyPattern: FixPattern = {
  id: "reduce-empty",
  errorClass: "reduce-empty",
  baseConfidence: 0.9,
  description: "A sum by reduce() over an empty list: start it at 0, where the code shows the values are numbers.",
  async generate(ctx) {
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const calls = findAll(parsed.program, (node): node is t.CallExpression => node.type === "CallExpression").filter(({ node }) => {
      const callee = unwrapTs(node.callee);
      return (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && memberPropertyName(callee) === "reduce" && node.arguments.length === 1 && (callee.property.loc?.start.line === ctx.culprit.line || node.loc?.start.line === ctx.culprit.line);
    });
    if (calls.length !== 1) return [];
    const { node: call, ancestors } = calls[0]!;
    const callback = call.arguments[0]!;
    if (!addsToAccumulator(callback)) return [];
    const receiver = (unwrapTs(call.callee) as t.MemberExpression).object;
    const typed = typedAsNumbers(receiver, ancestors);
    if (!typed && !sumsWithZeroElsewhere(parsed.program, call)) return [];
    const after = applySplices(ctx.source, [{ start: endOf(callback), end: endOf(callback), text: ", 0" }]);
    const list = textOf(ctx.source, receiver);
    return [
      {
        patternId: reduceEmptyPattern.id,
        baseConfidence: 0.9,
        summary: `Starts the sum of ${list} at 0, so an empty list sums to 0 instead of throwing; ${typed ? `${list} is typed number[]` : "the file sums the same way elsewhere"}.`,
        rootCause: `${where(ctx, call.loc?.start.line)}: ${list} is empty, and reduce() without an initial value throws on an empty list.`,
        changes: change(ctx, after),
        style: "initial-value",
        expectation: { outcome: "completes", description: `an empty ${list} sums to 0` },
        rank: { strategy: "default", fit: 0.9 },
      },
    ];
  },
};
