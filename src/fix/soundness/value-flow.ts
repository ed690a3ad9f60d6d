import type * as t from "@babel/types";
import { type Node, findBinding, isFunctionNode, lineOf, memberPropertyName, startOf, unwrapTs, walk } from "../ast-tools.ts";
import { declaredReturnType, ownReturns, typeAdmits } from "../patterns/shared.ts";
import { chainKey, isGuarded } from "./nullish-facts.ts";

// Where a value that may now be missing goes. A crash turned into `undefined` is only a fix when
// that `undefined` is tested, logged, or dropped; read further, computed with, written into a
// string or an answer, it is the same bug one line later, or a silently wrong result.

export interface FlowProblem {
  line: number;
  /** What happens to the missing value there, as a sentence fragment: "is multiplied". */
  what: string;
}

/** Array methods whose callback's result is only tested for truthiness. */
const TESTING_CALLBACKS = new Set(["filter", "find", "findIndex", "findLast", "findLastIndex", "some", "every"]);
/** Calls that accept a missing value without passing it on. */
const TOLERANT_CALLEES = new Set(["Boolean", "Array.isArray", "Number.isFinite", "Number.isInteger", "Number.isNaN", "isNaN", "Object.is"]);
/** Methods that look a value up (finding nothing for a missing one) rather than storing it. */
const LOOKUP_METHODS = new Set(["includes", "has", "indexOf", "lastIndexOf", "get", "startsWith", "endsWith"]);
const LOGGERS = /^(console|logger|log|debug)$/;
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "**", "<<", ">>", ">>>", "&", "|", "^"]);
const RELATIONAL = new Set(["<", ">", "<=", ">="]);

const MAX_DEPTH = 3;

function isTransparent(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case "ParenthesizedExpression":
    case "TSNonNullExpression":
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSTypeAssertion":
    case "AwaitExpression":
      return true;
    case "SequenceExpression":
      return parent.expressions[parent.expressions.length - 1] === child;
    default:
      return false;
  }
}

/** Identifiers in value position that resolve to this binding identifier, with their ancestors. */
export function referencesTo(program: t.Program, binding: t.Identifier): { node: t.Identifier; ancestors: Node[] }[] {
  const found: { node: t.Identifier; ancestors: Node[] }[] = [];
  walk(program, (node, ancestors) => {
    if (node.type !== "Identifier" || node === binding || node.name !== binding.name) return;
    const parent = ancestors[ancestors.length - 1];
    if (parent && (parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return;
    if (parent && (parent.type === "ObjectProperty" || parent.type === "ClassProperty" || parent.type === "ObjectMethod") && parent.key === node && !parent.computed) {
      if (!(parent.type === "ObjectProperty" && parent.shorthand)) return;
    }
    if (parent && parent.type.startsWith("TS") && parent.type !== "TSNonNullExpression" && parent.type !== "TSAsExpression" && parent.type !== "TSSatisfiesExpression") return;
    const resolved = findBinding(node.name, ancestors);
    if (!resolved || resolved.identifier !== binding) return;
    found.push({ node, ancestors: [...ancestors] });
  });
  return found;
}

export interface FlowContext {
  program: t.Program;
  /** Functions declared in the file by name, so a call into one can be followed. */
  localFunctions: ReadonlyMap<string, t.Function>;
}

export function flowContext(program: t.Program): FlowContext {
  const localFunctions = new Map<string, t.Function>();
  for (const statement of program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === "FunctionDeclaration" && declaration.id) localFunctions.set(declaration.id.name, declaration);
    if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations) {
        const init = declarator.init ? unwrapTs(declarator.init) : null;
        if (declarator.id.type === "Identifier" && init && (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression")) localFunctions.set(declarator.id.name, init);
      }
    }
  }
  return { program, localFunctions };
}

/** Problems with the flows of every read of a binding that may now hold a missing value. */
export function bindingFlowProblems(ctx: FlowContext, binding: t.Identifier, after: number, depth = 0): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const reference of referencesTo(ctx.program, binding)) {
    if (startOf(reference.node) < after) continue;
    const parent = reference.ancestors[reference.ancestors.length - 1];
    // A reassignment gives the binding a new value; what it held is not read there.
    if (parent && parent.type === "AssignmentExpression" && parent.left === reference.node) continue;
    if (isGuarded(reference.node, reference.ancestors, binding.name)) continue;
    problems.push(...flowProblems(ctx, reference.node, reference.ancestors, depth));
  }
  return problems;
}

function calleeName(callee: Node): string | null {
  return chainKey(callee);
}

function returnProblem(ctx: FlowContext, fn: t.Function, ancestors: readonly Node[], line: number): FlowProblem[] {
  // The callback of .filter/.some/.find: its result is only tested.
  const index = ancestors.indexOf(fn);
  const parent = ancestors[index - 1];
  if (parent && (parent.type === "CallExpression" || parent.type === "OptionalCallExpression") && parent.arguments.includes(fn as t.Expression)) {
    const callee = unwrapTs(parent.callee);
    const method = callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression" ? memberPropertyName(callee) : null;
    if (method && TESTING_CALLBACKS.has(method)) return [];
    if (method === "map" || method === "flatMap") return [{ line, what: `becomes an element of the list .${method}() builds` }];
  }
  const declared = declaredReturnType(fn);
  // The missing value is undefined (an optional link, a member a default lacks): the type must say so.
  if (declared) return typeAdmits(declared, "undefined") ? [] : [{ line, what: "is returned where the function's type promises a value" }];
  // A function that already returns nothing somewhere has callers that handle it.
  const returnsNothing = ownReturns(fn).some((statement) => {
    const value = statement.argument ? unwrapTs(statement.argument) : null;
    return value === null || value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined");
  });
  void ctx;
  return returnsNothing ? [] : [{ line, what: "is returned to callers that never got a missing value before" }];
}

function callArgumentProblem(ctx: FlowContext, call: t.CallExpression | t.OptionalCallExpression | t.NewExpression, argument: Node, line: number, depth: number): FlowProblem[] {
  const callee = unwrapTs(call.callee);
  const name = calleeName(callee);
  if (call.type === "NewExpression") return [{ line, what: `is passed to new ${name ?? "…"}()` }];
  if (name !== null) {
    const root = name.split(/[.[]/, 1)[0]!;
    if (LOGGERS.test(root) || TOLERANT_CALLEES.has(name)) return [];
  }
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && LOOKUP_METHODS.has(memberPropertyName(callee) ?? "")) return [];
  // A function of this file: follow the value into its parameter.
  const local = callee.type === "Identifier" ? ctx.localFunctions.get(callee.name) : undefined;
  const position = call.arguments.indexOf(argument as t.Expression);
  if (local && position >= 0 && depth < MAX_DEPTH) {
    const param = local.params[position];
    if (!param || param.type === "AssignmentPattern") return [];
    if (param.type === "Identifier") {
      const inner = bindingFlowProblems(ctx, param, 0, depth + 1);
      return inner.length === 0 ? [] : [{ line, what: `is passed to ${name}(), where it ${inner[0]!.what} (line ${inner[0]!.line})` }];
    }
    return [{ line, what: `is passed to ${name}(), which destructures it` }];
  }
  return [{ line, what: `is passed to ${name ?? "a function"}(), which may not expect a missing value` }];
}

/**
 * What goes wrong where the value of `node` (which may be undefined) is used: nothing when it is
 * tested, logged, dropped or given a fallback; otherwise a sentence for the reviewer.
 */
export function flowProblems(ctx: FlowContext, node: Node, ancestors: readonly Node[], depth = 0): FlowProblem[] {
  let child: Node = node;
  let index = ancestors.length - 1;
  while (index >= 0 && isTransparent(ancestors[index]!, child)) {
    child = ancestors[index]!;
    index -= 1;
  }
  const parent = ancestors[index];
  const line = lineOf(child);
  if (!parent) return [];
  const upward = (): FlowProblem[] => flowProblems(ctx, parent, ancestors.slice(0, index), depth);
  switch (parent.type) {
    case "MemberExpression":
    case "OptionalMemberExpression":
      if (parent.object === child) return parent.optional ? upward() : [{ line, what: `has .${memberPropertyName(parent) ?? "[…]"} read from it` }];
      return [{ line, what: "is used as a key" }];
    case "CallExpression":
    case "OptionalCallExpression":
      if (parent.callee === child) return parent.optional ? [] : [{ line, what: "is called" }];
      return callArgumentProblem(ctx, parent, child, line, depth);
    case "NewExpression":
      return callArgumentProblem(ctx, parent, child, line, depth);
    case "BinaryExpression":
      if (ARITHMETIC.has(parent.operator)) return [{ line, what: parent.operator === "+" ? "is added or concatenated (NaN or \"undefined\")" : `is used in arithmetic (${parent.operator}), giving NaN` }];
      if (RELATIONAL.has(parent.operator)) return [{ line, what: `is compared with ${parent.operator}, which is always false for a missing value` }];
      if (parent.operator === "in" || parent.operator === "instanceof") return parent.left === child && parent.operator === "instanceof" ? [] : [{ line, what: `is used with ${parent.operator}` }];
      return [];
    case "UnaryExpression":
      return ["!", "typeof", "void", "delete"].includes(parent.operator) ? [] : [{ line, what: `is converted with unary ${parent.operator}, giving NaN` }];
    case "UpdateExpression":
      return [{ line, what: "is incremented, giving NaN" }];
    case "TemplateLiteral":
    case "TaggedTemplateExpression":
      return [{ line, what: 'is written into a string ("undefined")' }];
    case "LogicalExpression":
      if (parent.left === child) return parent.operator === "&&" ? upward() : [];
      return upward();
    case "ConditionalExpression":
      return parent.test === child ? [] : upward();
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForStatement":
    case "SwitchStatement":
    case "SwitchCase":
    case "ExpressionStatement":
    case "ThrowStatement":
    case "JSXExpressionContainer":
    case "ForInStatement":
      return [];
    case "ForOfStatement":
      return parent.right === child ? [{ line, what: "is iterated with for…of" }] : [];
    case "SpreadElement": {
      const holder = ancestors[index - 1];
      return holder?.type === "ObjectExpression" ? [] : [{ line, what: "is spread" }];
    }
    case "VariableDeclarator": {
      if (parent.init !== child) return [];
      if (parent.id.type === "Identifier") return bindingFlowProblems(ctx, parent.id, startOf(parent), depth);
      return [{ line, what: "is destructured" }];
    }
    case "AssignmentExpression": {
      if (parent.right !== child) return [];
      if (parent.operator !== "=") return [{ line, what: `is combined with ${parent.operator}` }];
      const target = unwrapTs(parent.left);
      if (target.type === "Identifier") {
        const binding = findBinding(target.name, ancestors.slice(0, index));
        if (binding && (binding.kind === "let" || binding.kind === "var" || binding.kind === "param")) return bindingFlowProblems(ctx, binding.identifier, startOf(parent), depth);
        return [];
      }
      return [{ line, what: "is stored into a field" }];
    }
    case "ObjectProperty":
      return parent.value === child ? [{ line, what: "becomes a field of the object built here (an answer or a record)" }] : [];
    case "ArrayExpression":
      return [{ line, what: "becomes an element of a list" }];
    case "ReturnStatement": {
      const fn = nearestFunctionIn(ancestors.slice(0, index));
      return fn ? returnProblem(ctx, fn, ancestors, line) : [];
    }
    case "ArrowFunctionExpression":
      return parent.body === child ? returnProblem(ctx, parent, ancestors.slice(0, index + 1), line) : [];
    case "AssignmentPattern":
      return [];
    default:
      return [{ line, what: `is used in a ${parent.type}` }];
  }
}

function nearestFunctionIn(ancestors: readonly Node[]): t.Function | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (isFunctionNode(node)) return node;
  }
  return null;
}
