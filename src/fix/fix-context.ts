import type { Classification } from "../diagnose/classify.ts";

// What a fix pattern (or the model fixer) is given to work on: the diagnosed error at its culprit
// and a way to read the rest of the repository at the same commit.

/** Reads the repository at the chosen commit; paths are repo-relative POSIX. */
export interface SourceReader {
  readFile(path: string): Promise<string | null>;
  listFiles(): Promise<string[]>;
}

export interface FixContext {
  classification: Extract<Classification, { kind: "code-bug" }>;
  culprit: { file: string; line: number; column: number | null; function: string | null };
  /** Contents of culprit.file. */
  source: string;
  repo: SourceReader;
  /** Raw (scrubbed) error message: untrusted text, only ever matched against, never put into code. */
  message: string;
}
