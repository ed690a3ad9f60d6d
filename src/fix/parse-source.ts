import { parse, type ParseResult } from "@babel/parser";
import type { File } from "@babel/types";

// One parser for every stage that reads code (fix patterns, the guard's parse check).
// @babel/parser rather than the TypeScript compiler: it parses TS, TSX, JS and JSX, ESM and CJS,
// gives exact source offsets for text splices, and loads fast enough for the 2 s CPU budget of an
// edge function (the TypeScript compiler alone takes longer than that to load in a cold isolate).

export type SourceLanguage = "ts" | "tsx" | "js" | "jsx";

export function languageOfPath(path: string): SourceLanguage | null {
  if (/\.(ts|mts|cts)$/.test(path)) return path.endsWith(".d.ts") ? null : "ts";
  if (path.endsWith(".tsx")) return "tsx";
  if (/\.(js|mjs|cjs)$/.test(path)) return "js";
  if (path.endsWith(".jsx")) return "jsx";
  return null;
}

export class SourceParseError extends Error {
  readonly code = "SOURCE_PARSE_ERROR";
  constructor(
    readonly path: string,
    readonly line: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}${line ? `:${line}` : ""}: ${message}`, options);
    this.name = "SourceParseError";
  }
}

/** Parse a source file into a Babel AST with node offsets; throws SourceParseError when it does not parse. */
export function parseSource(path: string, code: string): ParseResult<File> {
  const language = languageOfPath(path) ?? "ts";
  const plugins: NonNullable<Parameters<typeof parse>[1]>["plugins"] = [];
  if (language === "ts" || language === "tsx") plugins.push("typescript", "decorators-legacy");
  if (language === "tsx" || language === "jsx" || language === "js") plugins.push("jsx");
  try {
    return parse(code, {
      sourceType: "unambiguous",
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: false,
      plugins,
    });
  } catch (error) {
    const loc = (error as { loc?: { line?: number } }).loc;
    throw new SourceParseError(path, loc?.line ?? null, (error as Error).message, { cause: error });
  }
}

/** True when the code parses; the guard's check that a patch leaves valid source behind. */
export function parsesCleanly(path: string, code: string): boolean {
  try {
    parseSource(path, code);
    return true;
  } catch {
    return false;
  }
}
