import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// A throwaway git copy of examples/shop-api at its release tag, as a team's checkout would be.

export interface ExampleRepo {
  dir: string;
  git(...args: string[]): string;
  remove(): void;
}

export function createExampleRepo(): ExampleRepo {
  const root = resolve(import.meta.dirname, "..", "..");
  const work = mkdtempSync(join(tmpdir(), "suture-example-"));
  const dir = join(work, "shop-api");
  cpSync(join(root, "examples", "shop-api"), dir, { recursive: true, filter: (source) => !source.includes("node_modules") });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Team", "-c", "user.email=team@example.com", ...args], { cwd: dir, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "shop-api v1.4.2");
  git("tag", "v1.4.2");
  return { dir, git, remove: () => rmSync(work, { recursive: true, force: true }) };
}
