import type * as t from "@babel/types";
import { type Node, walk } from "../ast-tools.ts";
import type { SourceReader } from "../fix-context.ts";
import { languageOfPath, parseSource } from "../parse-source.ts";
import { exportOf } from "./not-defined.ts";
import { resolutions } from "../module-resolution.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import type { FixPattern } from "../fix-pattern.ts";
import { basenameOf, directoryDistance, dirnameOf, extensionOf, joinRepoPath, relativeSpecifier, stemOf } from "../posix-path.ts";
import { applySplices } from "../splice.ts";
import { type ExtensionConvention, type ImportSite, applyConvention, importSites, isRelativeSpecifier } from "./module-style.ts";
import { change, parseCulprit, where } from "./shared.ts";

// Class 4: a relative import whose target moved or was renamed. The broken specifier is the one in
// the importing file that resolves to no file of the repo (matching the path the runtime printed),
// often a lazy `import()` or `require()` inside a function; the new target is the unique nearest
// file with the same name, or else the one module that exports every name the import takes. Only
// the string literal changes, in the file's quotes and extension convention. Packages (bare
// specifiers) are a dependency problem.

const CONFIDENCE = 0.93;
const EXCLUDED_PATH = /(^|\/)(node_modules|dist|build|out|coverage|\.next|\.git)\//;

function conventionOf(specifier: string): ExtensionConvention {
  const extension = extensionOf(specifier);
  if (extension === "") return "none";
  if ([".ts", ".tsx", ".mts", ".cts"].includes(extension)) return "source";
  return "js-for-ts";
}

/** Does the path the runtime printed name this resolved repo path? */
function messageNames(subject: string, specifier: string, resolved: string): boolean {
  if (subject === specifier) return true;
  const printed = subject.replace(/\\/g, "/");
  return resolutions(resolved).some((candidate) => printed === candidate || printed.endsWith(`/${candidate}`));
}

/** The names an import takes from its module: `{ sendSms }` of `const { sendSms } = require("./sms")`, `import { a, b } from`, `const { x } = await import(...)`. */
export function namesTakenFrom(program: t.Program, literal: t.StringLiteral): string[] {
  let names: string[] = [];
  walk(program, (node, ancestors) => {
    if (names.length > 0) return false;
    if (node.type === "ImportDeclaration" && node.source === literal) {
      names = node.specifiers.flatMap((specifier) => (specifier.type === "ImportSpecifier" ? [specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value] : []));
      return false;
    }
    const call = (node.type === "CallExpression" && node.arguments[0] === literal) || (node.type === "ImportExpression" && node.source === literal);
    if (!call) return true;
    let child: Node = node;
    for (let index = ancestors.length - 1; index >= 0; index -= 1) {
      const parent = ancestors[index]!;
      if (parent.type === "TSAsExpression" || parent.type === "AwaitExpression" || parent.type === "ParenthesizedExpression" || parent.type === "TSNonNullExpression") {
        child = parent;
        continue;
      }
      if (parent.type === "VariableDeclarator" && parent.init === child && parent.id.type === "ObjectPattern") {
        names = parent.id.properties.flatMap((property) => (property.type === "ObjectProperty" && !property.computed && property.key.type === "Identifier" ? [property.key.name] : []));
      }
      break;
    }
    return false;
  });
  return names;
}

/** Files read looking for the renamed module (on GitHub one API call each), nearest folders first. */
const MAX_SCANNED = 200;

async function modulesExporting(repo: SourceReader, files: readonly string[], names: readonly string[], near: string): Promise<string[]> {
  const found: string[] = [];
  let scanned = 0;
  const ordered = [...files].sort((a, b) => directoryDistance(near, dirnameOf(a)) - directoryDistance(near, dirnameOf(b)));
  for (const path of ordered) {
    if (languageOfPath(path) === null || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || path.endsWith(".d.ts")) continue;
    if (scanned >= MAX_SCANNED) break;
    scanned += 1;
    const text = await repo.readFile(path);
    if (!text || !names.every((name) => text.includes(name))) continue;
    let program: t.Program;
    try {
      program = parseSource(path, text).program;
    } catch {
      continue;
    }
    if (names.every((name) => exportOf(program, name)?.kind === "named")) found.push(path);
  }
  return found;
}

export const moduleNotFoundPattern: FixPattern = {
  id: "module-not-found",
  errorClass: "module-not-found",
  baseConfidence: CONFIDENCE,
  description: "A relative import whose target moved: point the specifier at the unique nearest file with the same name.",
  async generate(ctx) {
    const subject = ctx.classification.subject;
    // A bare specifier is a package: installing or pinning it is a person's call.
    if (subject && !isRelativeSpecifier(subject) && !subject.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(subject)) return [];
    const parsed = parseCulprit(ctx);
    if (!parsed) return [];
    const files = (await ctx.repo.listFiles()).filter((path) => !EXCLUDED_PATH.test(path));
    const existing = new Set(files);
    const importerDir = dirnameOf(ctx.culprit.file);

    const broken: { site: ImportSite; resolved: string }[] = [];
    for (const site of importSites(parsed.program)) {
      const specifier = site.literal.value;
      if (!isRelativeSpecifier(specifier)) continue;
      const resolved = joinRepoPath(importerDir, specifier);
      if (resolved === null || resolutions(resolved).some((candidate) => existing.has(candidate))) continue;
      broken.push({ site, resolved });
    }
    const named = subject ? broken.filter((item) => messageNames(subject, item.site.literal.value, item.resolved)) : [];
    // The runtime may print a build path (dist/lib/x.js) for a source import (src/lib/x.ts): fall back to the file name.
    const sameName = subject ? broken.filter((item) => stemOf(item.resolved) === stemOf(subject)) : broken;
    const target = named.length === 1 ? named[0]! : named.length === 0 && sameName.length === 1 ? sameName[0]! : null;
    if (!target) return [];

    const wantedStem = stemOf(target.resolved) === "index" ? basenameOf(dirnameOf(target.resolved)) : stemOf(target.resolved);
    const wantedExtension = extensionOf(target.resolved);
    const candidates = files.filter((path) => {
      if (languageOfPath(path) === null && extensionOf(path) !== ".json") return false;
      if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(path) || path.endsWith(".d.ts")) return false;
      const stem = stemOf(path);
      if (stem === wantedStem) return wantedExtension === ".json" ? extensionOf(path) === ".json" : extensionOf(path) !== ".json";
      return stem === "index" && basenameOf(dirnameOf(path)) === wantedStem;
    });
    const originalDir = dirnameOf(target.resolved);
    let chosen: string;
    let how: string;
    if (candidates.length > 0) {
      const ranked = candidates.map((path) => ({ path, distance: directoryDistance(originalDir, dirnameOf(path)) })).sort((a, b) => a.distance - b.distance);
      // Two equally near files with that name: which one was meant is a guess.
      if (ranked.length > 1 && ranked[0]!.distance === ranked[1]!.distance) return [];
      chosen = ranked[0]!.path;
      how = `where ${basenameOf(chosen)} now lives`;
    } else {
      // Renamed, not moved: the one module that exports every name the import takes from it.
      const names = namesTakenFrom(parsed.program, target.site.literal);
      if (names.length === 0) return [];
      const exporters = await modulesExporting(ctx.repo, files.filter((path) => path !== ctx.culprit.file), names, originalDir);
      if (exporters.length !== 1) return [];
      chosen = exporters[0]!;
      how = `the one module that exports ${names.join(", ")}`;
    }

    const oldSpecifier = target.site.literal.value;
    const relative = relativeSpecifier(importerDir, chosen);
    const specifier = extensionOf(chosen) === ".json" ? relative : applyConvention(relative, conventionOf(oldSpecifier));
    const literal = target.site.literal;
    const raw = ctx.source.slice(literal.start ?? 0, literal.end ?? 0);
    const quote = raw.startsWith("'") ? "'" : '"';
    if (specifier.includes(quote) || specifier.includes("\\")) return [];
    const after = applySplices(ctx.source, [{ start: literal.start ?? 0, end: literal.end ?? 0, text: `${quote}${specifier}${quote}` }]);
    const candidate: FixCandidate = {
      patternId: moduleNotFoundPattern.id,
      baseConfidence: CONFIDENCE,
      summary: `Points the import of ${oldSpecifier} at ${specifier}, ${how}; only that string changes.`,
      rootCause: `${where(ctx, literal.loc?.start.line)}: ${oldSpecifier} resolves to ${target.resolved}, which does not exist; the module is now ${chosen}.`,
      changes: change(ctx, after),
      style: "import-path",
      expectation: { outcome: "loads", description: `${specifier} resolves to ${chosen}, and the code that imports it loads` },
      rank: { strategy: "repair", fit: 0.95 },
    };
    return [candidate];
  },
};
