import type * as t from "@babel/types";
import { type Node, isFunctionNode, memberPropertyName, unwrapTs } from "../ast-tools.ts";

// What a test tells about missing values: after `if (!user) return`, `user` is known to be there;
// inside `order && order.total`, `order` is. Values are named by their member chain (`a.b.c`,
// optional links and TypeScript assertions ignored), so a test of `req.body.owner` covers every
// later read of that same chain.

/** `a.b["c"]` → "a.b.c"; `a?.b!` → "a.b"; `this.x` → "this.x"; null for anything computed at run time. */
export function chainKey(node: Node | null | undefined): string | null {
  if (!node) return null;
  const value = unwrapTs(node);
  if (value.type === "Identifier") return value.name;
  if (value.type === "ThisExpression") return "this";
  if (value.type === "MemberExpression" || value.type === "OptionalMemberExpression") {
    const object = chainKey(value.object);
    if (object === null) return null;
    if (value.computed && value.property.type !== "StringLiteral" && value.property.type !== "NumericLiteral") {
      // `PRICE_BOOK[currency]` is still one value per key: name it by the key's own chain.
      const key = chainKey(value.property);
      return key === null ? null : `${object}[${key}]`;
    }
    const name = memberPropertyName(value);
    return name === null ? null : `${object}.${name}`;
  }
  return null;
}

/** `a.b.c` → ["a", "a.b"]: the chains that must be there for `a.b.c` to be read without throwing. */
export function properPrefixes(key: string): string[] {
  const prefixes: string[] = [];
  let depth = 0;
  for (let index = 0; index < key.length; index += 1) {
    const char = key[index];
    if (char === "[") {
      if (depth === 0) prefixes.push(key.slice(0, index));
      depth += 1;
    } else if (char === "]") {
      depth -= 1;
    } else if (char === "." && depth === 0) {
      prefixes.push(key.slice(0, index));
    }
  }
  return prefixes;
}

function withPrefixes(key: string): string[] {
  return [key, ...properPrefixes(key)];
}

function isNullishLiteral(node: Node): boolean {
  const value = unwrapTs(node);
  return value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined") || (value.type === "UnaryExpression" && value.operator === "void");
}

function typeofOperand(node: Node): Node | null {
  const value = unwrapTs(node);
  return value.type === "UnaryExpression" && value.operator === "typeof" ? value.argument : null;
}

function stringValue(node: Node): string | null {
  const value = unwrapTs(node);
  if (value.type === "StringLiteral") return value.value;
  if (value.type === "TemplateLiteral" && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The chains a non-optional read inside an expression proves present (`x.length > 0` proves `x`). */
function readChains(node: Node): string[] {
  const value = unwrapTs(node);
  if (value.type !== "MemberExpression" && value.type !== "CallExpression") return [];
  const target = value.type === "CallExpression" ? unwrapTs(value.callee) : value;
  if (target.type !== "MemberExpression") return [];
  const key = chainKey(target.object);
  return key === null ? [] : withPrefixes(key);
}

/** Chains known to be present (not null or undefined) when `test` is truthy. */
export function presentWhenTruthy(test: Node): Set<string> {
  const value = unwrapTs(test);
  const known = new Set<string>();
  const add = (keys: Iterable<string>): void => {
    for (const key of keys) known.add(key);
  };
  const key = chainKey(value);
  if (key !== null) {
    add(withPrefixes(key));
    return known;
  }
  switch (value.type) {
    case "LogicalExpression": {
      if (value.operator === "&&") {
        add(presentWhenTruthy(value.left));
        add(presentWhenTruthy(value.right));
      } else if (value.operator === "||") {
        const right = presentWhenTruthy(value.right);
        for (const item of presentWhenTruthy(value.left)) if (right.has(item)) known.add(item);
      }
      return known;
    }
    case "UnaryExpression":
      if (value.operator === "!") add(presentWhenFalsy(value.argument));
      return known;
    case "BinaryExpression": {
      const left = value.left as Node;
      const right = value.right as Node;
      if (value.operator === "!=" || value.operator === "!==") {
        for (const [side, other] of [[left, right], [right, left]] as const) {
          const sideKey = chainKey(side);
          // `x !== null` alone leaves undefined possible, but code that writes it means "there".
          if (sideKey !== null && isNullishLiteral(other)) add(withPrefixes(sideKey));
          const operand = typeofOperand(side);
          const operandKey = operand ? chainKey(operand) : null;
          if (operandKey !== null && stringValue(other) === "undefined") add(withPrefixes(operandKey));
        }
      }
      if (value.operator === "===" || value.operator === "==") {
        for (const [side, other] of [[left, right], [right, left]] as const) {
          const operand = typeofOperand(side);
          const operandKey = operand ? chainKey(operand) : null;
          const type = stringValue(other);
          if (operandKey !== null && type !== null && type !== "undefined") add(withPrefixes(operandKey));
        }
      }
      if (value.operator === "instanceof") {
        const leftKey = chainKey(left);
        if (leftKey !== null) add(withPrefixes(leftKey));
      }
      if (value.operator === "in") {
        const rightKey = chainKey(right);
        if (rightKey !== null) add(withPrefixes(rightKey));
      }
      add(readChains(left));
      add(readChains(right));
      return known;
    }
    case "CallExpression": {
      const callee = unwrapTs(value.callee);
      const first = value.arguments[0];
      if (callee.type === "MemberExpression" && chainKey(callee) === "Array.isArray" && first && first.type !== "SpreadElement" && first.type !== "ArgumentPlaceholder") {
        const argumentKey = chainKey(first);
        if (argumentKey !== null) add(withPrefixes(argumentKey));
      }
      add(readChains(value));
      return known;
    }
    default:
      return known;
  }
}

/** Chains known to be present when `test` is falsy: after `if (!x || x.y == null) return`, both are. */
export function presentWhenFalsy(test: Node): Set<string> {
  const value = unwrapTs(test);
  const known = new Set<string>();
  switch (value.type) {
    case "UnaryExpression":
      return value.operator === "!" ? presentWhenTruthy(value.argument) : known;
    case "LogicalExpression": {
      if (value.operator === "||") {
        for (const item of presentWhenFalsy(value.left)) known.add(item);
        for (const item of presentWhenFalsy(value.right)) known.add(item);
      } else if (value.operator === "&&") {
        const right = presentWhenFalsy(value.right);
        for (const item of presentWhenFalsy(value.left)) if (right.has(item)) known.add(item);
      }
      return known;
    }
    case "BinaryExpression": {
      const left = value.left as Node;
      const right = value.right as Node;
      if (value.operator === "==" || value.operator === "===") {
        for (const [side, other] of [[left, right], [right, left]] as const) {
          const sideKey = chainKey(side);
          if (sideKey !== null && isNullishLiteral(other)) for (const item of withPrefixes(sideKey)) known.add(item);
          const operand = typeofOperand(side);
          const operandKey = operand ? chainKey(operand) : null;
          if (operandKey !== null && stringValue(other) === "undefined") for (const item of withPrefixes(operandKey)) known.add(item);
        }
      }
      // `typeof x !== "string"` is false only when x is a string.
      if (value.operator === "!=" || value.operator === "!==") {
        for (const [side, other] of [[left, right], [right, left]] as const) {
          const operand = typeofOperand(side);
          const operandKey = operand ? chainKey(operand) : null;
          const type = stringValue(other);
          if (operandKey !== null && type !== null && type !== "undefined") for (const item of withPrefixes(operandKey)) known.add(item);
        }
      }
      return known;
    }
    default:
      return known;
  }
}

/** A statement that never completes normally: return, throw, continue, break, `ctx.throw(...)`, or a block ending in one. */
export function exits(statement: Node | null | undefined): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case "ReturnStatement":
    case "ThrowStatement":
    case "ContinueStatement":
    case "BreakStatement":
      return true;
    case "BlockStatement":
      return statement.body.some((item) => exits(item));
    case "IfStatement":
      return exits(statement.consequent) && exits(statement.alternate);
    case "ExpressionStatement": {
      const expression = unwrapTs(statement.expression);
      if (expression.type !== "CallExpression") return false;
      const callee = unwrapTs(expression.callee);
      // Koa's ctx.throw(...) and assert-style helpers throw by contract.
      return callee.type === "MemberExpression" && memberPropertyName(callee) === "throw";
    }
    default:
      return false;
  }
}

function statementList(node: Node): readonly Node[] | null {
  if (node.type === "BlockStatement" || node.type === "Program" || node.type === "StaticBlock") return node.body;
  if (node.type === "SwitchCase") return node.consequent;
  return null;
}

/** `x = x ?? {}`, `x ||= []`: the statement makes `key` present from here on. */
function assignsPresent(statement: Node, key: string): boolean {
  if (statement.type !== "ExpressionStatement") return false;
  const expression = unwrapTs(statement.expression);
  if (expression.type !== "AssignmentExpression" || chainKey(expression.left) !== key) return false;
  if (expression.operator === "??=" || expression.operator === "||=") return true;
  const right = unwrapTs(expression.right);
  return expression.operator === "=" && right.type === "LogicalExpression" && (right.operator === "??" || right.operator === "||") && !isNullishLiteral(right.right);
}

/**
 * Whether a read of `key` at `node` only runs when the value is there: inside `if (key)`, on the
 * right of `key && …`, after an earlier `if (!key) return` in an enclosing block, and so on, up
 * through enclosing functions (a callback created after the guard sees the guarded value).
 */
export function isGuarded(node: Node, ancestors: readonly Node[], key: string): boolean {
  let child: Node = node;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const parent = ancestors[index]!;
    switch (parent.type) {
      case "LogicalExpression":
        if (parent.right === child) {
          if (parent.operator === "&&" && presentWhenTruthy(parent.left).has(key)) return true;
          if (parent.operator === "||" && presentWhenFalsy(parent.left).has(key)) return true;
        }
        break;
      case "ConditionalExpression":
      case "IfStatement":
        if (parent.consequent === child && presentWhenTruthy(parent.test).has(key)) return true;
        if (parent.alternate === child && presentWhenFalsy(parent.test).has(key)) return true;
        break;
      case "WhileStatement":
      case "ForStatement":
        if (parent.body === child && parent.test && presentWhenTruthy(parent.test).has(key)) return true;
        break;
      default:
        break;
    }
    const list = statementList(parent);
    if (list) {
      const position = list.indexOf(child);
      for (let before = 0; before < position; before += 1) {
        const statement = list[before]!;
        if (statement.type === "IfStatement" && !statement.alternate && exits(statement.consequent) && presentWhenFalsy(statement.test).has(key)) return true;
        if (assignsPresent(statement, key)) return true;
      }
    }
    child = parent;
  }
  return false;
}

/** The function a node belongs to (innermost), from its ancestors. */
export function enclosingFunction(ancestors: readonly Node[]): t.Function | null {
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const node = ancestors[index]!;
    if (isFunctionNode(node)) return node;
  }
  return null;
}
