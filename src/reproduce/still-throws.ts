import type * as t from "@babel/types";
import { isThirdPartyFrame } from "../diagnose/culprit.ts";
import { walk } from "../fix/ast-tools.ts";
import { parseSource } from "../fix/parse-source.ts";
import type { SourceReader } from "../fix/fix-context.ts";
import type { StackFrame } from "../core/stack-frame.ts";
import { matchException, type ReproductionTarget } from "./oracle.ts";
import type { ObservedException } from "./reproduction.ts";

// After a fix, the incident's error may still be created and thrown: `try { JSON.parse(body) }
// catch { return 400 }` is the right fix for a body that is not JSON. What must not happen is
// the error escaping the application's own code: reaching a framework's error handler, or an
// app-wide error middleware reached through the framework, which turns it into an answer
// without anyone handling the cause. So an exception counts as handled when its throw site, or
// an application frame calling it before control passes through dependency code, sits inside a
// `try` block with a `catch` in the fixed source. Frames of the reproduction's own test files
// do not count: the test calling the code is not the app handling it.

/** The exception among `exceptions` that matches the incident and escapes application code, or null. */
export function unhandledMatch(
  exceptions: readonly ObservedException[],
  target: ReproductionTarget,
  sources: ReadonlyMap<string, string>,
  testFiles: readonly string[],
): ObservedException | null {
  for (const exception of exceptions) {
    if (!matchException(exception, target).matches) continue;
    if (!handledByApplication(exception, sources, testFiles)) return exception;
  }
  return null;
}

/** Application frames from the throw outwards, until the first dependency or runtime frame. */
export function applicationCallers(exception: ObservedException, testFiles: readonly string[]): StackFrame[] {
  const callers: StackFrame[] = [];
  // Frames are oldest first; native frames (`JSON.parse (<anonymous>)`) sit between the throw and its caller.
  for (let index = exception.frames.length - 1; index >= 0; index -= 1) {
    const frame = exception.frames[index]!;
    if (frame.file === "<anonymous>" || frame.file === "native") continue;
    if (isThirdPartyFrame(frame) || !frame.inApp || testFiles.includes(frame.file)) break;
    callers.push(frame);
  }
  return callers;
}

export function handledByApplication(exception: ObservedException, sources: ReadonlyMap<string, string>, testFiles: readonly string[]): boolean {
  return applicationCallers(exception, testFiles).some((frame) => {
    const source = sources.get(frame.file);
    return source !== undefined && frame.line !== null && insideTry(frame.file, source, frame.line, frame.column);
  });
}

/** Files whose source `unhandledMatch` needs, read at the fixed commit. */
export async function callerSources(exceptions: readonly ObservedException[], testFiles: readonly string[], repo: SourceReader): Promise<Map<string, string>> {
  const files = new Set(exceptions.flatMap((exception) => applicationCallers(exception, testFiles).map((frame) => frame.file)));
  const sources = new Map<string, string>();
  for (const file of files) {
    const source = await repo.readFile(file);
    if (source !== null) sources.set(file, source);
  }
  return sources;
}

/** Whether a position lies in the block of a `try` that has a `catch` (not only a `finally`). */
export function insideTry(path: string, source: string, line: number, column: number | null): boolean {
  let program: t.Program;
  try {
    program = parseSource(path, source).program;
  } catch {
    return false;
  }
  let inside = false;
  walk(program, (node) => {
    if (inside) return false;
    if (node.type !== "TryStatement" || node.handler === null) return undefined;
    const block = node.block.loc;
    if (!block) return undefined;
    const afterStart = line > block.start.line || (line === block.start.line && (column === null || column - 1 >= block.start.column));
    const beforeEnd = line < block.end.line || (line === block.end.line && (column === null || column - 1 <= block.end.column));
    if (afterStart && beforeEnd) inside = true;
    return undefined;
  });
  return inside;
}
