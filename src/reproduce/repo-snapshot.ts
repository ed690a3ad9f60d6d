import type { SourceReader } from "../fix/fix-context.ts";
import { languageOfPath } from "../fix/parse-source.ts";
import { type ModuleFacts, readModuleFacts } from "./module-facts.ts";
import { testFilePaths } from "./test-style.ts";

// The part of the repository reproducing reads: every JS/TS source module outside dependencies
// and build output (parsed once), which of them are tests, package.json, and the config files a
// runner or a Lambda deployment declares. Reads are bounded in count and size, and run a few at
// a time, because a SourceReader may be a git process per file.

export interface RepoSnapshot {
  files: string[];
  modules: Map<string, ModuleFacts>;
  tests: string[];
  packageJson: string | null;
  /** serverless.yml, template.yaml and the like: their text, for route templates. */
  deployConfigs: string[];
  configs: Record<string, string>;
}

export interface SnapshotLimits {
  maxModules: number;
  maxModuleBytes: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxModules: 400, maxModuleBytes: 256 * 1024 };

const SKIPPED_DIRS = /(?:^|\/)(?:node_modules|dist|build|out|coverage|\.next|\.nuxt|\.output|\.vercel|\.serverless|vendor|\.git)\//;
const DEPLOY_CONFIGS = /(?:^|\/)(?:serverless\.ya?ml|template\.ya?ml|samconfig\.toml|cdk\.json)$/;
const RUNNER_CONFIGS = /(?:^|\/)(?:\.mocharc\.(?:json|jsonc|ya?ml)|jest\.config\.json)$/;
const READ_CONCURRENCY = 8;

/** Source files, those on the stack first so a cap never drops them. */
export function sourceFiles(files: readonly string[], first: readonly string[]): string[] {
  const sources = files.filter((path) => languageOfPath(path) !== null && !SKIPPED_DIRS.test(path));
  const wanted = new Set(first);
  return [...sources.filter((path) => wanted.has(path)), ...sources.filter((path) => !wanted.has(path))];
}

export async function loadRepoSnapshot(repo: SourceReader, stackFiles: readonly string[], limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS): Promise<RepoSnapshot> {
  const files = await repo.listFiles();
  const fileSet = new Set(files);
  const sources = sourceFiles(files, stackFiles).slice(0, limits.maxModules);
  const texts = await readAll(repo, [...sources, "package.json", ...files.filter((f) => DEPLOY_CONFIGS.test(f) || RUNNER_CONFIGS.test(f))]);
  const modules = new Map<string, ModuleFacts>();
  for (const path of sources) {
    const text = texts.get(path);
    if (text === undefined || text === null || text.length > limits.maxModuleBytes) continue;
    const facts = readModuleFacts(path, text, fileSet);
    if (facts) modules.set(path, facts);
  }
  const configs: Record<string, string> = {};
  const deployConfigs: string[] = [];
  for (const path of files) {
    const text = texts.get(path);
    if (typeof text !== "string") continue;
    if (DEPLOY_CONFIGS.test(path)) deployConfigs.push(text);
    if (RUNNER_CONFIGS.test(path)) configs[path] = text;
  }
  return {
    files,
    modules,
    tests: testFilePaths(files).filter((path) => modules.has(path)),
    packageJson: texts.get("package.json") ?? null,
    deployConfigs,
    configs,
  };
}

async function readAll(repo: SourceReader, paths: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const queue = [...new Set(paths)];
  const workers = Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      out.set(path, await repo.readFile(path));
    }
  });
  await Promise.all(workers);
  return out;
}
