import type * as t from "@babel/types";
import { type Node, endOf, enclosingListStatement, findAll, findBinding, isPureChain, startOf, textOf, unwrapTs } from "../ast-tools.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { findHandler } from "../request-handler.ts";
import { chainKey } from "../soundness/nullish-facts.ts";
import { applySplices } from "../splice.ts";
import { codeDefaultCandidates } from "./code-default-candidates.ts";
import { type RepairEnv, guardCandidates, repairEnv } from "./guard-candidates.ts";
import { needFor } from "./property-of-nullish.ts";
import { change, where } from "./shared.ts";
import { originOfValue } from "./value-origin.ts";

// Class 8: a missing value used as a collection: `for (const w of ticket.watchers)` over
// undefined ("ticket.watchers is not iterable"), `[...tags]`, `Object.keys(exceptions)` ("Cannot
// convert undefined or null to object"). Candidates: the code's own fallback for that value, an
// empty collection where the value enters (a destructuring default, `?? []`) or where it is read,
// and an early exit when the value is a record or a field the client should have sent. A value
// that is there but is not a list ("object is not iterable") has the wrong shape: a person's call.

interface Site {
  value: Node;
  ancestors: readonly Node[];
  /** `[]` for iteration, `{}` for Object.keys / values / entries. */
  empty: "[]" | "{}";
  /** The value stands where `a ?? b` needs no parentheses. */
  bare: boolean;
}

const OBJECT_READERS = new Set(["Object.keys", "Object.values", "Object.entries", "Object.assign"]);
const ITERATING_CALLS = new Set(["Array.from", "Promise.all", "Promise.allSettled", "Object.fromEntries"]);

function normalize(text: string): string {
  return text.replace(/\s+/g, "").replace(/\?\./g, ".").replace(/!/g, "");
}

function sitesOnLine(program: t.Program, line: number): Site[] {
  const sites: Site[] = [];
  const onLine = (node: Node): boolean => node.loc?.start.line === line || node.loc?.end.line === line;
  for (const { node, ancestors } of findAll(program, (_node): _node is Node => true)) {
    if (!onLine(node)) continue;
    const inner = [...ancestors, node];
    if (node.type === "ForOfStatement" && node.right.loc?.start.line === line) sites.push({ value: node.right, ancestors: inner, empty: "[]", bare: true });
    if (node.type === "SpreadElement" && ancestors[ancestors.length - 1]?.type !== "ObjectExpression") sites.push({ value: node.argument, ancestors: inner, empty: "[]", bare: true });
    if (node.type === "VariableDeclarator" && node.id.type === "ArrayPattern" && node.init) sites.push({ value: node.init, ancestors: inner, empty: "[]", bare: true });
    if ((node.type === "CallExpression" || node.type === "NewExpression") && node.arguments[0] && node.arguments[0].type !== "SpreadElement" && node.arguments[0].type !== "ArgumentPlaceholder") {
      const callee = chainKey(node.callee);
      const first = node.arguments[0] as Node;
      if (node.type === "CallExpression" && callee && OBJECT_READERS.has(callee)) sites.push({ value: first, ancestors: inner, empty: "{}", bare: true });
      if ((node.type === "CallExpression" && callee && ITERATING_CALLS.has(callee)) || (node.type === "NewExpression" && (callee === "Set" || callee === "Map"))) sites.push({ value: first, ancestors: inner, empty: "[]", bare: true });
    }
  }
  return sites.filter((site) => isPureChain(unwrapTs(site.value)));
}

function emptyDefaults(env: RepairEnv, site: Site, value: Node): FixCandidate[] {
  const { ctx } = env;
  const candidates: FixCandidate[] = [];
  const text = textOf(ctx.source, value);
  const describe = (at: string, after: string, fit: number): FixCandidate => ({
    patternId: notIterablePattern.id,
    baseConfidence: Math.round((0.78 + 0.12 * fit) * 1000) / 1000,
    summary: `Treats a missing ${text} as an empty ${site.empty === "[]" ? "list" : "object"} ${at}, so there is nothing to go through instead of a crash.`,
    rootCause: `${where(ctx, value.loc?.start.line)}: ${text} is missing (undefined or null) where the code goes through it.`,
    changes: change(ctx, after),
    style: "default-value",
    expectation: { outcome: "completes", description: `a missing ${text} is gone through as empty; every present value as before` },
    rank: { strategy: "default", fit },
  });
  // Where the value enters: a destructured name's default, or `?? []` on its declaration.
  if (value.type === "Identifier") {
    const binding = findBinding(value.name, site.ancestors);
    if (binding && (binding.kind === "const" || binding.kind === "let")) {
      const { declarator } = binding;
      if (declarator.id.type === "ObjectPattern") {
        const property = declarator.id.properties.find((item) => item.type === "ObjectProperty" && item.value === binding.identifier);
        if (property && property.type === "ObjectProperty" && property.value.type === "Identifier") {
          const after = applySplices(ctx.source, [{ start: endOf(property.value), end: endOf(property.value), text: ` = ${site.empty}` }]);
          candidates.push(describe("where it is destructured", after, 0.55));
        }
      } else if (declarator.id.type === "Identifier" && declarator.init) {
        const after = applySplices(ctx.source, [{ start: endOf(declarator.init), end: endOf(declarator.init), text: ` ?? ${site.empty}` }]);
        candidates.push(describe("where it is declared", after, 0.55));
      }
    }
  }
  const inline = site.bare ? `${text} ?? ${site.empty}` : `(${text} ?? ${site.empty})`;
  candidates.push(describe("where it is read", applySplices(ctx.source, [{ start: startOf(value), end: endOf(value), text: inline }]), 0.5));
  return candidates;
}

export const notIterablePattern: FixPattern = {
  id: "not-iterable",
  errorClass: "not-iterable",
  baseConfidence: 0.85,
  description: "A missing value gone through as a collection: the code's own fallback, an empty collection where it enters or is read, or an early exit for a missing record or field.",
  async generate(ctx) {
    const subject = ctx.classification.subject;
    // "object is not iterable": a value of the wrong shape, not a missing one.
    if (subject !== null && subject !== "undefined" && subject !== "null" && !/^[A-Za-z_$][\w$]*(\??\.[A-Za-z_$][\w$]*|\[[^\]]{1,100}\])*$/.test(subject)) return [];
    if (subject === "object") return [];
    const env = await repairEnv(ctx);
    if (!env) return [];
    const chained = subject !== null && subject !== "undefined" && subject !== "null";
    const sites = sitesOnLine(env.parsed.program, ctx.culprit.line).filter((site) => !chained || normalize(textOf(ctx.source, unwrapTs(site.value))) === normalize(subject!));
    const distinct = [...new Map(sites.map((site) => [startOf(site.value), site])).values()];
    if (distinct.length !== 1) return [];
    const site = distinct[0]!;
    const value = unwrapTs(site.value);
    const handler = findHandler(site.ancestors, env.knowledge);
    const origin = originOfValue(env, value, site.ancestors, handler);
    const candidates: FixCandidate[] = [];
    candidates.push(...(await codeDefaultCandidates(env, { patternId: notIterablePattern.id, value, ancestors: site.ancestors, origin, property: null, member: null, key: chainKey(value) })));
    candidates.push(...emptyDefaults(env, site, value));
    const held = enclosingListStatement(site.value, site.ancestors);
    const need = needFor(origin, (noun) => `${noun} not found`);
    if (held && need) {
      const text = textOf(ctx.source, value);
      candidates.push(
        ...guardCandidates(env, {
          patternId: notIterablePattern.id,
          missing: origin.kind === "request" ? `${text} == null` : `!${text}`,
          missingNullish: `${text} == null`,
          placement: origin.source ?? { statement: held.statement, where: "before", ancestors: site.ancestors.slice(0, held.index + 1), phrase: "before the statement that goes through it" },
          need,
          strategy: origin.source ? "source-guard" : "early-exit",
          rootCause: `${where(ctx, value.loc?.start.line)}: ${text} is missing when the code goes through it.`,
          read: `the entries of ${text}`,
        }),
      );
    }
    return candidates;
  },
};
