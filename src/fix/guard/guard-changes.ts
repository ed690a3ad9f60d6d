import type { FileChange } from "../file-change.ts";
import { diffLines } from "../../core/line-diff.ts";
import { matchesGlob } from "../../core/glob.ts";
import { languageOfPath, parseSource, SourceParseError } from "../parse-source.ts";
import { contentViolations } from "./content-rules.ts";
import { isTestPath, outsideRepoProblem } from "./fix-paths.ts";
import { type GuardViolation, blockingViolation, quotePath } from "./violation.ts";

// The deterministic guard every generated fix passes through, whatever wrote it (the pattern
// library or the model fixer). It reads only the code: a fix's explanation is attacker-influenced
// text (error messages come from production traffic), so nothing it says is trusted.
//
// Every rule but `protected-path` blocks the fix. A protected path only forbids auto-apply: a
// person may still review and merge the pull request.

export interface GuardSettings {
  protectedPaths: string[];
  maxChangedLines: number;
  maxFiles: number;
}

export interface GuardResult {
  /** No blocking violation. */
  passed: boolean;
  /** Passed and no protected path touched. */
  autoApplyAllowed: boolean;
  violations: GuardViolation[];
  /** Added plus removed lines over all files. */
  changedLines: number;
  /** Paths the fix changes, in order, without no-op changes. */
  files: string[];
}

export function guardChanges(changes: FileChange[], settings: GuardSettings): GuardResult {
  const violations: GuardViolation[] = [];
  const files: string[] = [];
  let changedLines = 0;

  for (const change of changes) {
    if (change.before === change.after) continue; // no-op, including null → null
    const path = change.path;
    if (!files.includes(path)) files.push(path);

    const pathProblem = outsideRepoProblem(path);
    if (pathProblem) violations.push(blockingViolation("outside-repo", path, null, `${quotePath(path)} ${pathProblem}`));

    const isTest = isTestPath(path);
    if (change.after === null) {
      violations.push(blockingViolation("deletes-file", path, null, `the fix deletes ${quotePath(path)}; fixes may not delete files`));
    } else if (change.before !== null && change.before.trim() !== "" && change.after.trim() === "") {
      // Emptying a file deletes its code as surely as removing it.
      violations.push(blockingViolation("deletes-file", path, null, `the fix empties ${quotePath(path)}; fixes may not delete code wholesale`));
    }
    if (isTest && change.before !== null) {
      const verb = change.after === null ? "deletes" : "edits";
      violations.push(
        blockingViolation("test-edited", path, null, `the fix ${verb} the existing test ${quotePath(path)}; tests are not changed to make a fix pass`),
      );
    }

    const protectedBy = settings.protectedPaths.find((glob) => matchesGlob(path, glob));
    if (protectedBy !== undefined) {
      violations.push({
        rule: "protected-path",
        file: path,
        line: null,
        message: `${quotePath(path)} is protected (${protectedBy}); a person must review this change`,
        blocking: false,
      });
    }

    if (change.after !== null && languageOfPath(path) !== null) {
      const failure = parseFailure(path, change.after);
      if (failure) violations.push(blockingViolation("does-not-parse", path, failure.line, `the patched ${quotePath(path)} does not parse: ${failure.message}`));
    }

    const diff = diffLines(change.before ?? "", change.after ?? "");
    changedLines += diff.added.length + diff.removed.length;
    violations.push(...contentViolations(path, diff, change.after ?? ""));
  }

  if (changedLines > settings.maxChangedLines) {
    violations.push(
      blockingViolation("too-many-lines", null, null, `the fix changes ${changedLines} lines, more than the limit of ${settings.maxChangedLines}`),
    );
  }
  if (files.length > settings.maxFiles) {
    violations.push(blockingViolation("too-many-files", null, null, `the fix changes ${files.length} files, more than the limit of ${settings.maxFiles}`));
  }

  const passed = !violations.some((v) => v.blocking);
  const touchesProtected = violations.some((v) => v.rule === "protected-path");
  return { passed, autoApplyAllowed: passed && !touchesProtected, violations, changedLines, files };
}

function parseFailure(path: string, code: string): { line: number | null; message: string } | null {
  try {
    parseSource(path, code);
    return null;
  } catch (error) {
    if (error instanceof SourceParseError) {
      // Babel's message ends with "(line:column)"; the line is reported separately.
      const reason = String((error.cause as Error | undefined)?.message ?? error.message).replace(/\s*\(\d+:\d+\)\s*$/, "");
      return { line: error.line, message: reason.slice(0, 200) };
    }
    return { line: null, message: "the parser failed" };
  }
}
