import type * as t from "@babel/types";
import { type Node, enclosingListStatement, findBinding, humanize, memberPropertyName, rootIdentifier, unwrapTs, walk } from "../ast-tools.ts";
import type { RequestHandler } from "../request-handler.ts";
import { chainKey, exits } from "../soundness/nullish-facts.ts";
import type { GuardPlacement, RepairEnv } from "./guard-candidates.ts";
import { answeringFunction } from "./guard-candidates.ts";
import { isLookupInit, isRequestDerived, locate, nounOf } from "./shared.ts";

// Where a missing value comes from decides what its absence means: a record looked up by a key
// that matched nothing (a 404 where the lookup happens), a field the client did not send (a 400
// before it is first read), or neither (a fault in the code's own data, which no answer to the
// client fixes).

export type ValueOrigin =
  | { kind: "lookup"; noun: string; variable: string | null; lookup: Node; source: GuardPlacement | null; declarator: t.VariableDeclarator | null }
  | { kind: "request"; noun: string; variable: string | null; source: GuardPlacement | null; declarator: t.VariableDeclarator | null }
  | { kind: "other"; source: GuardPlacement | null; declarator: t.VariableDeclarator | null };

/** Members through which a handler's first parameter carries what the client sent. */
const REQUEST_MEMBERS = new Set(["body", "query", "params", "headers", "pathParameters", "queryStringParameters", "searchParams", "cookies", "payload", "request", "req"]);

/** `ctx.request.body.x`, `event.queryStringParameters.q`, `request.query.q`: the client's input, read from a parameter of the answering function. */
export function requestish(expression: Node, ancestors: readonly Node[]): boolean {
  let value = unwrapTs(expression);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  const root = rootIdentifier(value);
  if (!root) return false;
  const binding = findBinding(root.name, ancestors);
  const answering = answeringFunction(ancestors);
  if (!binding || binding.kind !== "param" || !answering || binding.fn !== answering.fn) return false;
  let current: Node = value;
  while (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
    const name = memberPropertyName(current);
    if (name && REQUEST_MEMBERS.has(name)) return true;
    current = unwrapTs(current.object);
  }
  return false;
}

function fromRequest(expression: Node, ancestors: readonly Node[], handler: RequestHandler | null): boolean {
  return (handler !== null && isRequestDerived(expression, handler, ancestors)) || requestish(expression, ancestors);
}

function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The collection a lookup reads from (`school.classes.get(id)` → "classes"). */
function collectionOf(lookup: Node): string | null {
  let value = unwrapTs(lookup);
  if (value.type === "AwaitExpression") value = unwrapTs(value.argument);
  let target: Node | null = null;
  if (value.type === "CallExpression" || value.type === "OptionalCallExpression") {
    const callee = unwrapTs(value.callee);
    target = callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression" ? unwrapTs(callee.object) : null;
  } else if (value.type === "MemberExpression" || value.type === "OptionalMemberExpression") {
    target = unwrapTs(value.object);
  }
  if (!target) return null;
  if (target.type === "Identifier") return target.name;
  if ((target.type === "MemberExpression" || target.type === "OptionalMemberExpression") && !target.computed) return memberPropertyName(target);
  return null;
}

/** A readable noun for a looked-up record: its variable, unless that is an abbreviation of the collection it came from. */
export function lookupNoun(variable: string | null, lookup: Node): string {
  const collection = collectionOf(lookup);
  const fromCollection = collection ? humanize(singular(collection)) : null;
  if (variable && (variable.length >= 4 || !fromCollection || fromCollection === "record")) return humanize(variable);
  return fromCollection && fromCollection !== "record" ? fromCollection : humanize(variable ?? "record");
}

/** The key of a dynamic read (`PRICE_BOOK[currency]` → "currency", `config.fees[member.tier]` → "tier"). */
function keyNoun(member: t.MemberExpression | t.OptionalMemberExpression): string | null {
  const key = unwrapTs(member.property);
  if (key.type === "Identifier") return humanize(key.name);
  if ((key.type === "MemberExpression" || key.type === "OptionalMemberExpression") && !key.computed) return humanize(memberPropertyName(key) ?? "key");
  return null;
}

function sourcePlacement(declaration: t.VariableDeclaration, program: t.Program): GuardPlacement | null {
  const ancestors = locate(program, declaration);
  if (!ancestors) return null;
  const held = enclosingListStatement(declaration, ancestors);
  if (!held || held.statement !== declaration) return null;
  return { statement: declaration, where: "after", ancestors: ancestors.slice(0, held.index + 1), phrase: "right where the value enters" };
}

function keyAlreadyChecked(member: t.MemberExpression | t.OptionalMemberExpression, ancestors: readonly Node[]): boolean {
  const key = chainKey(member.property);
  if (key === null) return false;
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const block = ancestors[index]!;
    if (block.type !== "BlockStatement") continue;
    const child = ancestors[index + 1];
    const position = child ? block.body.indexOf(child as t.Statement) : block.body.length;
    for (const statement of block.body.slice(0, position < 0 ? 0 : position)) {
      if (statement.type !== "IfStatement" || !exits(statement.consequent)) continue;
      let mentions = false;
      walk(statement.test, (node) => {
        if (mentions) return false;
        if (chainKey(node) === key) mentions = true;
        return !mentions;
      });
      if (mentions) return true;
    }
  }
  return false;
}

export function originOfValue(env: RepairEnv, object: Node, ancestors: readonly Node[], handler: RequestHandler | null): ValueOrigin {
  const program = env.parsed.program;
  if (object.type === "Identifier") {
    const binding = findBinding(object.name, ancestors);
    if (binding && (binding.kind === "const" || binding.kind === "let") && binding.declarator.init) {
      const declarator = binding.declarator;
      const init = declarator.init!;
      const source = sourcePlacement(binding.declaration, program);
      const declarationAncestors = locate(program, declarator) ?? ancestors;
      if (fromRequest(init, declarationAncestors, handler)) {
        return { kind: "request", noun: humanize(object.name), variable: object.name, source: source && { ...source, phrase: `right after ${object.name} is read from the request` }, declarator };
      }
      if (isLookupInit(init)) {
        return { kind: "lookup", noun: lookupNoun(object.name, init), variable: object.name, lookup: init, source: source && { ...source, phrase: `right after ${object.name} is looked up` }, declarator };
      }
      return { kind: "other", source, declarator };
    }
    return { kind: "other", source: null, declarator: null };
  }
  if (fromRequest(object, ancestors, handler)) return { kind: "request", noun: humanize(nounOf(object)), variable: null, source: null, declarator: null };
  if ((object.type === "MemberExpression" || object.type === "OptionalMemberExpression") && object.computed && chainKey(object) !== null) {
    const noun = keyNoun(object);
    // A key the code already found a record for (`if (!store.links.has(slug)) return 404` above):
    // a missing entry elsewhere for it is the code's own data, not something the client asked for.
    if (noun && noun !== "record" && !keyAlreadyChecked(object, ancestors)) return { kind: "lookup", noun, variable: null, lookup: object, source: null, declarator: null };
  }
  return { kind: "other", source: null, declarator: null };
}
