import type * as t from "@babel/types";
import { diffLines } from "../../core/line-diff.ts";
import { type Node, findBinding, lineOf, memberPropertyName, rootIdentifier, startOf, textOf, unwrapTs, walk } from "../ast-tools.ts";
import type { FileChange } from "../file-change.ts";
import { languageOfPath, parseSource } from "../parse-source.ts";
import { ownReturns, declaredReturnType, typeAdmits } from "../patterns/shared.ts";
import { type ArrayNormalization, type ExitGuard, type IntroducedDefault, type OptionalLink, introducedConstructs } from "./introduced.ts";
import { chainKey, enclosingFunction, isGuarded } from "./nullish-facts.ts";
import { type FlowContext, type FlowProblem, bindingFlowProblems, flowContext, flowProblems, referencesTo } from "./value-flow.ts";

// Static soundness of a change, before anything runs it. A fix that makes a crash vanish at one
// frame and nowhere else is refused with the reason:
//
// - guard-covers-uses: a nullish guard (`a?.b`, `if (!a) return`) covers every later read of
//   that value in the function: `row?.id` followed by `row.name` is refused;
// - default-provides-members: a default provides every member the code reads from it, nested
//   ones included (`({ owner } = {}) => owner.name` is refused), and invents no data;
// - normalization-keeps-input: an array normalization keeps the value it was given
//   (`Array.isArray(v) ? v : []` drops a single value; `[v]` keeps it);
// - optional-flows-safely: a value made optional never flows unguarded into arithmetic, string
//   building, a comparison, another read, or an answer (`settings?.rate * amount` is NaN on a bill).
//
// Pure: it reads the before and after texts of each changed file and nothing else.

export type SoundnessRule = "guard-covers-uses" | "default-provides-members" | "normalization-keeps-input" | "optional-flows-safely";

export interface SoundnessProblem {
  rule: SoundnessRule;
  path: string;
  line: number;
  message: string;
}

/** Every soundness problem of the changes; none means the change is statically sound. */
export function checkSoundness(changes: readonly FileChange[]): SoundnessProblem[] {
  const problems: SoundnessProblem[] = [];
  for (const change of changes) {
    if (change.before === null || change.after === null || change.before === change.after) continue;
    if (languageOfPath(change.path) === null) continue;
    let program: t.Program;
    try {
      program = parseSource(change.path, change.after).program;
    } catch {
      continue; // the guard refuses code that does not parse
    }
    const diff = diffLines(change.before, change.after);
    const lines = { added: new Set(diff.added.map((line) => line.line)), removedText: diff.removed.map((line) => line.text).join("\n") };
    const checker = new FileChecker(change.path, change.after, program);
    for (const construct of introducedConstructs(program, change.after, lines)) {
      switch (construct.kind) {
        case "optional-link":
          checker.optionalLink(construct);
          break;
        case "default":
          checker.defaultValue(construct);
          break;
        case "array-normalization":
          checker.normalization(construct);
          break;
        case "array-skip":
          checker.add("normalization-keeps-input", lineOf(construct.node), `${checker.text(construct.value)} is skipped when it is not an array, so a single value the client sent is dropped; wrap it in a list instead`);
          break;
        case "exit-guard":
          checker.exitGuard(construct);
          break;
        case "truthy-filter":
          checker.add("normalization-keeps-input", lineOf(construct.node), ".filter(Boolean) drops 0, \"\" and false along with missing values; filter out null and undefined only");
          break;
      }
    }
    problems.push(...checker.problems);
  }
  return dedupe(problems);
}

function dedupe(problems: SoundnessProblem[]): SoundnessProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.rule}|${problem.path}|${problem.line}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a default literal provides: every member (a real value), or these keys only. */
type Provided = { all: true } | { all: false; keys: Map<string, Provided> };
const PROVIDES_ALL: Provided = { all: true };

function providedBy(node: Node): Provided {
  const value = unwrapTs(node);
  if (value.type === "ObjectExpression") {
    const keys = new Map<string, Provided>();
    for (const property of value.properties) {
      if (property.type === "SpreadElement") return PROVIDES_ALL;
      if (property.type !== "ObjectProperty" || property.computed) continue;
      const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
      if (key !== null) keys.set(key, providedBy(property.value));
    }
    return { all: false, keys };
  }
  if (value.type === "ArrayExpression") return value.elements.length === 0 ? { all: false, keys: new Map() } : PROVIDES_ALL;
  return PROVIDES_ALL;
}

/** A literal in a default that is not an empty value: data the code never had. */
function inventedLiteral(node: Node, source: string): string | null {
  let found: string | null = null;
  walk(node, (inner, ancestors) => {
    if (found) return false;
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === "ObjectProperty" && parent.key === inner && !parent.computed) return;
    if (inner.type === "StringLiteral" && inner.value !== "") found = textOf(source, inner);
    else if (inner.type === "NumericLiteral" || inner.type === "BigIntLiteral") found = textOf(source, inner);
    else if (inner.type === "BooleanLiteral" && inner.value) found = "true";
    else if (inner.type === "TemplateLiteral" && inner.quasis.some((quasi) => (quasi.value.cooked ?? "") !== "")) found = textOf(source, inner);
    return true;
  });
  return found;
}

class FileChecker {
  readonly problems: SoundnessProblem[] = [];
  private readonly flow: FlowContext;

  constructor(
    private readonly path: string,
    private readonly source: string,
    private readonly program: t.Program,
  ) {
    this.flow = flowContext(program);
  }

  add(rule: SoundnessRule, line: number, message: string): void {
    this.problems.push({ rule, path: this.path, line, message });
  }

  text(node: Node): string {
    const text = textOf(this.source, node).replace(/\s+/g, " ");
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }

  private flowMessages(rule: SoundnessRule, subject: string, problems: readonly FlowProblem[]): void {
    for (const problem of problems) this.add(rule, problem.line, `${subject} may now be missing, and at line ${problem.line} it ${problem.what}`);
  }

  /** The function a guarded chain is scoped to: where its root is declared, else around the construct. */
  private scopeOf(guarded: Node, ancestors: readonly Node[]): { scope: Node; rootBinding: t.Identifier | null } {
    const root = rootIdentifier(guarded);
    const binding = root ? findBinding(root.name, ancestors) : null;
    if (binding && binding.identifier) {
      if (binding.kind === "param") return { scope: binding.fn, rootBinding: binding.identifier };
      const declared = this.ancestorsOf(binding.identifier);
      const fn = declared ? enclosingFunction(declared) : null;
      if (fn) return { scope: fn, rootBinding: binding.identifier };
      return { scope: enclosingFunction(ancestors) ?? this.program, rootBinding: binding.identifier };
    }
    return { scope: enclosingFunction(ancestors) ?? this.program, rootBinding: null };
  }

  private ancestorsOf(target: Node): Node[] | null {
    let found: Node[] | null = null;
    walk(this.program, (node, ancestors) => {
      if (found) return false;
      if (node === target) {
        found = [...ancestors];
        return false;
      }
      return startOf(node) <= startOf(target) && (node.end ?? 0) >= (target.end ?? 0);
    });
    return found;
  }

  /** Reads of `key` that throw when it is missing, after `after`, in `scope`, on the same binding. */
  private throwingReads(key: string, scope: Node, rootBinding: t.Identifier | null, after: number): { node: Node; ancestors: Node[] }[] {
    const reads: { node: Node; ancestors: Node[] }[] = [];
    const scopeAncestors = this.ancestorsOf(scope) ?? [];
    walk(scope, (node, inner) => {
      if (startOf(node) < after || chainKey(node) !== key) return;
      const ancestors = [...scopeAncestors, ...inner];
      if (rootBinding) {
        const root = rootIdentifier(node);
        if (!root || findBinding(root.name, ancestors)?.identifier !== rootBinding) return;
      }
      let child: Node = node;
      let index = ancestors.length - 1;
      while (index >= 0 && ["TSNonNullExpression", "TSAsExpression", "TSSatisfiesExpression", "TSTypeAssertion", "ParenthesizedExpression"].includes(ancestors[index]!.type)) {
        child = ancestors[index]!;
        index -= 1;
      }
      const parent = ancestors[index];
      if (!parent) return;
      const throws =
        ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && parent.object === child && !parent.optional) ||
        ((parent.type === "CallExpression" || parent.type === "OptionalCallExpression") && parent.callee === child && !parent.optional) ||
        (parent.type === "VariableDeclarator" && parent.init === child && parent.id.type !== "Identifier") ||
        (parent.type === "ForOfStatement" && parent.right === child) ||
        (parent.type === "SpreadElement" && ancestors[index - 1]?.type !== "ObjectExpression");
      if (throws) reads.push({ node, ancestors });
    });
    return reads;
  }

  private uncoveredReads(key: string, scope: Node, rootBinding: t.Identifier | null, after: number): { node: Node; ancestors: Node[] }[] {
    return this.throwingReads(key, scope, rootBinding, after).filter((read) => !isGuarded(read.node, read.ancestors, key));
  }

  optionalLink(link: OptionalLink): void {
    const key = chainKey(link.guarded);
    const shown = this.text(link.node);
    if (key !== null) {
      const { scope, rootBinding } = this.scopeOf(link.guarded, link.ancestors);
      for (const read of this.uncoveredReads(key, scope, rootBinding, startOf(link.node) + 1)) {
        if (read.node === link.guarded) continue;
        this.add("guard-covers-uses", lineOf(read.node), `${shown} guards ${key} at line ${lineOf(link.node)}, but ${this.text(read.ancestors[read.ancestors.length - 1] ?? read.node)} at line ${lineOf(read.node)} still reads it unguarded`);
      }
    }
    this.flowMessages("optional-flows-safely", this.text(link.chainEnd), flowProblems(this.flow, link.chainEnd, link.chainAncestors));
  }

  exitGuard(guard: ExitGuard): void {
    for (const key of guard.keys) {
      const probe = this.findChain(guard.node.test, key);
      if (!probe) continue;
      const { scope, rootBinding } = this.scopeOf(probe, this.ancestorsOf(probe) ?? guard.ancestors);
      for (const read of this.uncoveredReads(key, scope, rootBinding, (guard.node.end ?? 0))) {
        this.add("guard-covers-uses", lineOf(read.node), `the guard at line ${lineOf(guard.node)} covers ${key} only inside its own block, and ${this.text(read.ancestors[read.ancestors.length - 1] ?? read.node)} at line ${lineOf(read.node)} still reads it unguarded`);
      }
    }
    // An exit that returns nothing from a function whose callers always got a value.
    const exit = guard.node.consequent.type === "BlockStatement" ? guard.node.consequent.body[guard.node.consequent.body.length - 1] : guard.node.consequent;
    if (exit?.type === "ReturnStatement") {
      const value = exit.argument ? unwrapTs(exit.argument) : null;
      const nothing = value === null || value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined");
      const fn = enclosingFunction(guard.ancestors);
      if (nothing && fn && !this.alreadyReturnsNothing(fn, exit)) {
        this.add("optional-flows-safely", lineOf(exit), `the early return at line ${lineOf(exit)} gives callers ${value ? this.text(value) : "undefined"}, which the function never returned before`);
      }
    }
  }

  private alreadyReturnsNothing(fn: t.Function, added: Node): boolean {
    const declared = declaredReturnType(fn);
    if (declared) return typeAdmits(declared, "undefined") || typeAdmits(declared, "null");
    if (fn.body.type !== "BlockStatement") return false;
    const others = ownReturns(fn).filter((statement) => statement !== added);
    return others.every((statement) => {
      const value = statement.argument ? unwrapTs(statement.argument) : null;
      return value === null || value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined");
    }) || others.some((statement) => {
      const value = statement.argument ? unwrapTs(statement.argument) : null;
      return value === null || value.type === "NullLiteral" || (value.type === "Identifier" && value.name === "undefined");
    });
  }

  private findChain(root: Node, key: string): Node | null {
    let found: Node | null = null;
    walk(root, (node) => {
      if (found) return false;
      if (chainKey(node) === key) {
        found = node;
        return false;
      }
      return true;
    });
    return found;
  }

  defaultValue(introduced: IntroducedDefault): void {
    const invented = inventedLiteral(introduced.value, this.source);
    const node = introduced.node;
    if (invented) {
      this.add("default-provides-members", lineOf(node), `the default ${this.text(introduced.value)} invents data (${invented}) the code never had`);
      return;
    }
    const provided = providedBy(introduced.value);
    if (provided.all) return;
    if (node.type === "AssignmentPattern") {
      this.target(node.left, provided, this.ancestorsOf(node) ?? introduced.ancestors, this.text(introduced.value));
      return;
    }
    // `x ?? {}`: where the defaulted value goes decides what it must provide.
    const ancestors = introduced.ancestors;
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === "VariableDeclarator" && parent.init === node) {
      this.target(parent.id, provided, [...ancestors, parent], this.text(introduced.value));
      return;
    }
    if ((parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && parent.object === node && !parent.optional) {
      this.memberRead(parent, ancestors.slice(0, -1), provided, this.text(introduced.value));
    }
  }

  private memberRead(member: t.MemberExpression | t.OptionalMemberExpression, ancestors: readonly Node[], provided: Provided, shown: string): void {
    if (provided.all) return;
    const name = memberPropertyName(member);
    if (name !== null && provided.keys.has(name)) return;
    if (name === "length" && provided.keys.size === 0) return;
    const problems = flowProblems(this.flow, member, ancestors);
    for (const problem of problems) {
      this.add("default-provides-members", problem.line, `the default ${shown} provides no ${name ?? "such member"}, and at line ${problem.line} it ${problem.what}`);
    }
  }

  /** A defaulted pattern or name: each member it reads must come from the default or be handled when missing. */
  private target(pattern: Node, provided: Provided, ancestors: readonly Node[], shown: string): void {
    if (provided.all) return;
    if (pattern.type === "Identifier") {
      for (const reference of referencesTo(this.program, pattern)) {
        const parent = reference.ancestors[reference.ancestors.length - 1];
        if ((parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && parent.object === reference.node && !parent.optional) {
          const key = chainKey(parent);
          if (key !== null && isGuarded(parent, reference.ancestors.slice(0, -1), key)) continue;
          this.memberRead(parent, reference.ancestors.slice(0, -1), provided, shown);
        }
      }
      return;
    }
    if (pattern.type === "ObjectPattern") {
      for (const property of pattern.properties) {
        if (property.type !== "ObjectProperty") continue;
        const key = property.computed ? null : property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : null;
        if (key === null) continue;
        const inner = provided.keys.get(key);
        const value = property.value;
        if (value.type === "AssignmentPattern") continue; // its own default answers for it
        if (inner) {
          this.target(value, inner, ancestors, shown);
          continue;
        }
        if (value.type === "Identifier") {
          for (const problem of bindingFlowProblems(this.flow, value, 0)) {
            this.add("default-provides-members", problem.line, `the default ${shown} provides no ${key}, and at line ${problem.line} ${key} ${problem.what}`);
          }
        } else {
          this.add("default-provides-members", lineOf(value), `the default ${shown} provides no ${key}, yet the pattern destructures ${key} further`);
        }
      }
      return;
    }
    if (pattern.type === "ArrayPattern" && provided.keys.size === 0) {
      for (const element of pattern.elements) {
        if (!element || element.type === "AssignmentPattern" || element.type === "RestElement") continue;
        if (element.type === "Identifier") {
          for (const problem of bindingFlowProblems(this.flow, element, 0)) {
            this.add("default-provides-members", problem.line, `the default ${shown} provides no element ${element.name}, and at line ${problem.line} it ${problem.what}`);
          }
        }
      }
    }
    void ancestors;
  }

  normalization(normalization: ArrayNormalization): void {
    const key = chainKey(normalization.value);
    const shown = this.text(normalization.value);
    if (key === null) return;
    if (!this.keeps(normalization.otherwise, key)) {
      this.add("normalization-keeps-input", lineOf(normalization.node), `${this.text(normalization.node)} drops ${shown} when it is a single value rather than a list; keep it (${shown === key ? `[${shown}]` : "wrap it in a list"})`);
    }
  }

  /** The branch keeps the value: it mentions it, or it is empty only when the value is missing. */
  private keeps(branch: Node, key: string): boolean {
    const value = unwrapTs(branch);
    if (value.type === "ConditionalExpression") {
      const missingFirst = this.testsMissing(value.test, key);
      if (missingFirst === "missing") return this.keeps(value.alternate, key);
      if (missingFirst === "present") return this.keeps(value.consequent, key);
    }
    let mentions = false;
    walk(value, (node) => {
      if (mentions) return false;
      if (chainKey(node) === key) mentions = true;
      return !mentions;
    });
    return mentions;
  }

  private testsMissing(test: Node, key: string): "missing" | "present" | null {
    const value = unwrapTs(test);
    if (value.type === "BinaryExpression" && (value.operator === "==" || value.operator === "===") && chainKey(value.left) === key) {
      const right = unwrapTs(value.right);
      if (right.type === "NullLiteral" || (right.type === "Identifier" && right.name === "undefined")) return "missing";
    }
    if (value.type === "UnaryExpression" && value.operator === "!" && chainKey(value.argument) === key) return "missing";
    if (chainKey(value) === key) return "present";
    return null;
  }
}
