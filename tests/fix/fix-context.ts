import { classifyError } from "../../src/diagnose/classify.ts";
import type { FixContext, SourceReader } from "../../src/fix/fix-context.ts";

// Builds a FixContext from literals: an in-memory repository and a real classification of the
// message, so tests exercise the same path the mission does.

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
