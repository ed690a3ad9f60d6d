import type * as t from "@babel/types";
import { classifyError } from "../../src/diagnose/classify.ts";
import { type Node, findAll } from "../../src/fix/ast-tools.ts";
import type { FixContext, SourceReader } from "../../src/fix/fix-context.ts";
import { parseSource } from "../../src/fix/parse-source.ts";

// Builds a FixContext from literals: an in-memory repository and a real classification of the
// message, so tests exercise the same path the mission does. Also finds the AST around a marker.

export function memoryRepo(files: Record<string, string>): SourceReader {
  return {
    async readFile(path) {
      return files[path] ?? null;
    },
    async listFiles() {
      return Object.keys(files);
    },
  };
}

export function fixContext(options: {
  file: string;
  source: string;
  line: number;
  column?: number | null;
  type?: string;
  message: string;
  files?: Record<string, string>;
}): FixContext {
  const classification = classifyError(options.type ?? "TypeError", options.message);
  if (classification.kind !== "code-bug") throw new Error(`test message is not a code bug: ${options.message}`);
  return {
    classification,
    culprit: { file: options.file, line: options.line, column: options.column ?? null, function: null },
    source: options.source,
    repo: memoryRepo({ [options.file]: options.source, ...options.files }),
    message: options.message,
  };
}

/** Line number (1-based) of the first line containing the marker. */
export function lineOf(source: string, marker: string): number {
  const index = source.split("\n").findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}

export function programOf(path: string, source: string): t.Program {
  return parseSource(path, source).program;
}

/** Ancestors of the first statement on the line holding the marker. */
export function ancestorsAt(root: t.Program, source: string, marker: string): readonly Node[] {
  const line = lineOf(source, marker);
  const found = findAll(root, (node): node is t.Statement => /Statement$|Declaration$/.test(node.type) && node.loc?.start.line === line && node.type !== "BlockStatement");
  if (found.length === 0) throw new Error(`no statement at: ${marker}`);
  return found[found.length - 1]!.ancestors;
}
