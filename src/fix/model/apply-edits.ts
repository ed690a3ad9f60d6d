import type { FileChange } from "../file-change.ts";
import { isTestPath, outsideRepoProblem } from "../guard/fix-paths.ts";
import { languageOfPath } from "../parse-source.ts";
import type { SourceReader } from "../fix-context.ts";

// Turns the model's search/replace edits into whole-file changes, or says why it cannot. Strict
// where the model is vague: every search must match exactly once in the file as it stands after
// the earlier edits; files must exist; the only new file allowed is one test file. Whatever this
// returns still goes through the guard.

export interface ModelEdit {
  file: string;
  search: string;
  replace: string;
}

export type ApplyEditsResult = { ok: true; changes: FileChange[] } | { ok: false; reason: string };

/** A repo-relative POSIX path from the model's spelling (`./src/a.ts` → `src/a.ts`), or why not. */
export function normalizeModelPath(raw: string): { path: string } | { problem: string } {
  let path = raw.trim();
  while (path.startsWith("./")) path = path.slice(2);
  const problem = outsideRepoProblem(path);
  return problem ? { problem: `${JSON.stringify(raw.slice(0, 200))} ${problem}` } : { path };
}

/** Non-overlapping occurrences of needle in haystack. */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === "") return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export async function applyModelEdits(input: {
  edits: ModelEdit[];
  regressionTest: { path: string; content: string } | null;
  repo: SourceReader;
}): Promise<ApplyEditsResult> {
  const originals = new Map<string, string>();
  const current = new Map<string, string>();
  for (const [index, edit] of input.edits.entries()) {
    const label = `edit ${index + 1}`;
    const normalized = normalizeModelPath(edit.file);
    if ("problem" in normalized) return { ok: false, reason: `${label}: the path ${normalized.problem}` };
    const path = normalized.path;
    if (!current.has(path)) {
      const source = await input.repo.readFile(path);
      if (source === null) return { ok: false, reason: `${label}: ${path} does not exist in the repository; edits may only change existing files` };
      originals.set(path, source);
      current.set(path, source);
    }
    const text = current.get(path)!;
    // A model writes "\n"; a CRLF file needs "\r\n" for the text to match.
    const crlf = text.includes("\r\n") && !edit.search.includes("\r");
    const search = crlf ? edit.search.replace(/\n/g, "\r\n") : edit.search;
    const replace = crlf ? edit.replace.replace(/\n/g, "\r\n") : edit.replace;
    const matches = countOccurrences(text, search);
    if (matches === 0) return { ok: false, reason: `${label}: the search text was not found in ${path}; copy it exactly from the file` };
    if (matches > 1) return { ok: false, reason: `${label}: the search text matches ${matches} places in ${path}; it must match exactly once` };
    const at = text.indexOf(search);
    current.set(path, text.slice(0, at) + replace + text.slice(at + search.length));
  }

  const changes: FileChange[] = [];
  for (const [path, after] of current) {
    const before = originals.get(path)!;
    // Emptying a file deletes it in all but name; fixes may not delete files (the guard's rule).
    if (after.trim() === "" && before.trim() !== "") return { ok: false, reason: `the edits would empty ${path}; fixes may not delete files` };
    if (after !== before) changes.push({ path, before, after });
  }
  if (changes.length === 0) return { ok: false, reason: "the edits change nothing" };

  if (input.regressionTest) {
    const normalized = normalizeModelPath(input.regressionTest.path);
    if ("problem" in normalized) return { ok: false, reason: `regression test: the path ${normalized.problem}` };
    const path = normalized.path;
    if (!isTestPath(path)) {
      return { ok: false, reason: `regression test: ${path} is not a test path (*.test.*, *.spec.*, tests/, __tests__/)` };
    }
    if (languageOfPath(path) === null) return { ok: false, reason: `regression test: ${path} is not a JavaScript or TypeScript file` };
    if (current.has(path) || (await input.repo.readFile(path)) !== null) {
      return { ok: false, reason: `regression test: ${path} already exists; a fix may add a test, never replace one` };
    }
    changes.push({ path, before: null, after: input.regressionTest.content });
  }
  return { ok: true, changes };
}
