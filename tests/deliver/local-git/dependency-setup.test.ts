import { describe, expect, it } from "vitest";
import { chooseDependencySetup } from "../../../src/deliver/local-git/dependency-setup.ts";

describe("chooseDependencySetup", () => {
  it("reuses node_modules when the lockfile blob is the same at base and branch", () => {
    const setup = chooseDependencySetup({ branchLockfiles: { "package-lock.json": "aaa" }, baseLockfiles: { "package-lock.json": "aaa" }, repoHasNodeModules: true });
    expect(setup.kind).toBe("reuse");
  });

  it("installs with npm ci by default when package-lock.json changed", () => {
    const setup = chooseDependencySetup({ branchLockfiles: { "package-lock.json": "bbb" }, baseLockfiles: { "package-lock.json": "aaa" }, repoHasNodeModules: true });
    expect(setup).toMatchObject({ kind: "install", lockfile: "package-lock.json", command: "npm ci", reason: "package-lock.json changed" });
  });

  it("picks the package manager from the lockfile and honours a configured command", () => {
    expect(chooseDependencySetup({ branchLockfiles: { "pnpm-lock.yaml": "b" }, baseLockfiles: {}, repoHasNodeModules: true })).toMatchObject({
      kind: "install",
      command: "pnpm install --frozen-lockfile",
    });
    expect(chooseDependencySetup({ branchLockfiles: { "yarn.lock": "b" }, baseLockfiles: { "yarn.lock": "a" }, repoHasNodeModules: false })).toMatchObject({
      command: "yarn install --frozen-lockfile",
    });
    expect(
      chooseDependencySetup({ branchLockfiles: { "bun.lockb": "b" }, baseLockfiles: {}, repoHasNodeModules: true, installCommands: { "bun.lockb": "bun i" } }),
    ).toMatchObject({ command: "bun i" });
  });

  it("installs when the lockfile is unchanged but the repository has no node_modules", () => {
    expect(chooseDependencySetup({ branchLockfiles: { "package-lock.json": "a" }, baseLockfiles: { "package-lock.json": "a" }, repoHasNodeModules: false })).toMatchObject({
      kind: "install",
      command: "npm ci",
    });
  });

  it("without a lockfile reuses what the repository has, or does nothing", () => {
    expect(chooseDependencySetup({ branchLockfiles: {}, baseLockfiles: {}, repoHasNodeModules: true }).kind).toBe("reuse");
    expect(chooseDependencySetup({ branchLockfiles: {}, baseLockfiles: {}, repoHasNodeModules: false }).kind).toBe("none");
  });
});
