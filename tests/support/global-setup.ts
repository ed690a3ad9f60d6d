import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

// The reproduction tests run small apps in real frameworks and test runners (express, fastify,
// hono, koa, jest, mocha, vitest, tsx), the dependencies eval/package.json shares. A fresh clone
// has run only the root `npm install`, so `npm test` installs them once here.

export default function installSharedAppDependencies(): void {
  const evalDir = resolve(import.meta.dirname, "..", "..", "eval");
  if (existsSync(join(evalDir, "node_modules", "express"))) return;
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: evalDir, stdio: "inherit" });
}
