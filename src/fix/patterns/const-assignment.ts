import type * as t from "@babel/types";
import { type Node, findAll, findBinding } from "../ast-tools.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { applySplices } from "../splice.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 6: `Assignment to constant variable.` The reassigned binding is found at the culprit line;
// when its declaration is a plain `const x = …` (one declarator, not destructured, not an
// import), `const` becomes `let`. Anything wider changes more than the one binding: declined.

// Reassignment proves the binding was meant to vary; let changes nothing else about it.
const CONFIDENCE = 0.93;

interface Write {
  name: string;
  ancestors: readonly Node[];
}

function writesOnLine(program: t.Program, line: number): Write[] {
  const writes: Write[] = [];
  for (const { node, ancestors } of findAll(program, (item): item is t.AssignmentExpression | t.UpdateExpression => item.type === "AssignmentExpression" || item.type === "UpdateExpression")) {
    if (node.loc?.start.line !== line && node.loc?.end.line !== line) continue;
    const target = node.type === "AssignmentExpression" ? node.left : node.argument;
    if (target.type === "Identifier") writes.push({ name: target.name, ancestors });
  }
  return writes;
}

export const constAssignmentPattern: FixPattern = {
  id: "const-assignment",
  errorClass: "const-assignment",
  baseConfidence: CONFIDENCE,
  description: "A const binding that the code reassigns: declare it with let.",
  async generate(ctx) {
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const subject = ctx.classification.subject;
    const constWrites = writesOnLine(parsed.program, ctx.culprit.line)
      .filter((write) => subject === null || write.name === subject)
      .map((write) => ({ write, binding: findBinding(write.name, write.ancestors) }))
      .filter((item) => item.binding !== null && (item.binding.kind === "const" || item.binding.kind === "import"));
    const names = new Set(constWrites.map((item) => item.write.name));
    if (names.size !== 1) return [];
    const { write, binding } = constWrites[0]!;
    // Reassigning an import or one name of a destructuring: not a one-keyword change.
    if (!binding || binding.kind !== "const") return [];
    const declaration = binding.declaration;
    if (declaration.declarations.length !== 1 || binding.declarator.id.type !== "Identifier") return [];
    const start = declaration.start ?? 0;
    if (ctx.source.slice(start, start + 5) !== "const") return [];
    const after = applySplices(ctx.source, [{ start, end: start + 5, text: "let" }]);
    const declaredAt = declaration.loc?.start.line;
    const candidate: FixCandidate = {
      patternId: constAssignmentPattern.id,
      baseConfidence: CONFIDENCE,
      summary: `Declares ${write.name} with let instead of const at line ${declaredAt}, because the code reassigns it; nothing else changes.`,
      rootCause: `${where(ctx)}: ${write.name} is declared const at ${where(ctx, declaredAt)} and reassigned here.`,
      changes: change(ctx, after),
      style: "let-binding",
      expectation: { outcome: "completes", description: `the code that reassigns ${write.name} runs as written` },
      rank: { strategy: "repair", fit: 0.95 },
    };
    return [candidate];
  },
};
