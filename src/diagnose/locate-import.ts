import type { Diagnosis } from "./diagnose-incident.ts";

// A module that fails to load throws before any application function runs: the stack has no
// application frame, and the message names the missing path and often the importer ("Cannot find
// module '/app/src/a.ts' imported from /app/src/b.ts"). Diagnosis alone can only point at the
// importer; once its source is read, this finds the import that names the missing module (often a
// lazy `import()` or `require()` deep in a function), so the culprit is that expression, not line 1.

/** Specifiers after `import(`, `require(`, `from` and a bare `import`; bounded, so a scan stays linear in the source. */
const SPECIFIER = /\b(?:import\s*\(\s*|require\s*\(\s*|from\s+|import\s+)(["'`])([^"'`\r\n]{1,500})\1/g;
const EXTENSION = /\.(?:[cm]?[jt]sx?|json)$/;

function dirnameOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function join(dir: string, relative: string): string | null {
  const parts: string[] = [];
  for (const part of `${dir}/${relative}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join("/");
}

/** Whether the path the runtime printed (absolute, or the specifier itself) is what this specifier of `importer` names. */
function names(printed: string, importer: string, specifier: string): boolean {
  if (printed === specifier) return true;
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return false;
  const resolved = join(dirnameOf(importer), specifier);
  if (resolved === null) return false;
  const stem = (path: string): string => path.replace(/\\/g, "/").replace(EXTENSION, "").replace(/\/index$/, "");
  const target = stem(resolved);
  const shown = stem(printed);
  return shown === target || shown.endsWith(`/${target}`);
}

/** Line and column (1-based) of the import in `source` whose specifier names the missing module, or null. */
export function locateFailedImport(importer: string, source: string, missing: string): { line: number; column: number } | null {
  SPECIFIER.lastIndex = 0;
  for (let match = SPECIFIER.exec(source); match !== null; match = SPECIFIER.exec(source)) {
    if (!names(missing, importer, match[2]!)) continue;
    const before = source.slice(0, match.index);
    const line = before.split("\n").length;
    const column = match.index - before.lastIndexOf("\n");
    return { line, column };
  }
  return null;
}

/**
 * A module-not-found diagnosis pointed at its importer's first line, moved to the import that
 * names the missing module once the importer's source is known. Any other diagnosis is returned
 * as it is.
 */
export function locateModuleCulprit<D extends Diagnosis>(diagnosis: D, source: string): D {
  if (diagnosis.kind !== "code-bug" || diagnosis.errorClass !== "module-not-found") return diagnosis;
  const missing = diagnosis.classification.subject;
  if (!missing || diagnosis.culprit.function !== null || diagnosis.culprit.line !== 1) return diagnosis;
  const found = locateFailedImport(diagnosis.culprit.file, source, missing);
  if (!found) return diagnosis;
  const where = `${diagnosis.culprit.file}:${found.line}`;
  return {
    ...diagnosis,
    culprit: { ...diagnosis.culprit, line: found.line, column: found.column },
    cause: `${diagnosis.classification.detail} (${where}, the import of ${missing})`,
  };
}
