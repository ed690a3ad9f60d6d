import { dirnameOf, extensionOf, joinRepoPath } from "./posix-path.ts";

// How a relative specifier maps onto the repository's files: TypeScript's `.js`-for-`.ts`
// convention, extensionless specifiers and index files, the way Node, bundlers and tsc resolve them.

const RESOLVE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Files a relative specifier's target (`src/lib/x`, `src/lib/x.js`) may be. */
export function resolutions(base: string): string[] {
  const extension = extensionOf(base);
  const stem = extension ? base.slice(0, -extension.length) : base;
  const candidates = [base];
  if (extension === ".js" || extension === ".jsx") candidates.push(`${stem}.ts`, `${stem}.tsx`);
  if (extension === ".mjs") candidates.push(`${stem}.mts`);
  if (extension === ".cjs") candidates.push(`${stem}.cts`);
  if (!RESOLVE_EXTENSIONS.includes(extension)) {
    for (const item of RESOLVE_EXTENSIONS) candidates.push(`${base}${item}`, `${base}/index${item}`);
  }
  return candidates;
}

/** The repo file a relative specifier in `importer` names, or null (a package, or nothing there). */
export function resolveSpecifier(importer: string, specifier: string, exists: (path: string) => boolean): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const base = joinRepoPath(dirnameOf(importer), specifier);
  if (base === null) return null;
  return resolutions(base).find(exists) ?? null;
}
