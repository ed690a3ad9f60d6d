import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The import-boundary check (`npm run check:imports`, .dependency-cruiser.cjs) run on the real
// tree and on a small tree with one violation of each kind, so a rule that stopped matching
// would show here.

const ROOT = resolve(import.meta.dirname, "..");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Promise<Violation[]> {
  return new Promise((resolvePromise, reject) => {
    execFile(DEPCRUISE, ["src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // depcruise exits non-zero when it finds violations; its JSON report is still on stdout.
      if (!stdout) return reject(error ?? new Error(stderr));
      resolvePromise(JSON.parse(stdout).summary.violations as Violation[]);
    });
  });
}

describe("import boundaries", () => {
  const fixture = mkdtempSync(join(tmpdir(), "suture-imports-"));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it("holds for src/ as it is", async () => {
    expect(await cruise(ROOT)).toEqual([]);
  }, 60_000);

  it("fails on a cycle, a wrong-way import, an unlisted stage import, a forge importing the other, and an unknown folder", async () => {
    for (const file of [".dependency-cruiser.cjs", "tsconfig.json", "docs/ARCHITECTURE.md"]) {
      mkdirSync(dirname(join(fixture, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(fixture, file));
    }
    const files: Record<string, string> = {
      "src/core/a.ts": 'import type { B } from "./b.ts";\nexport type A = B[];\n',
      "src/core/b.ts": 'import type { A } from "./a.ts";\nexport type B = A | 1;\n',
      "src/ingest/event.ts": "export type Event = { id: string };\n",
      "src/store/read-events.ts": 'import type { Event } from "../ingest/event.ts";\nexport type Row = Event;\n',
      "src/deliver/branch-name.ts": "export const prefix = 'suture/';\n",
      "src/detect/incident.ts": 'import { prefix } from "../deliver/branch-name.ts";\nexport const p = prefix;\n',
      "src/deliver/local-git/errors.ts": "export class LocalGitError extends Error {}\n",
      "src/deliver/github/forge.ts": 'import { LocalGitError } from "../local-git/errors.ts";\nexport const E = LocalGitError;\n',
      "src/newstage/x.ts": 'import type { A } from "../core/a.ts";\nexport type X = A;\n',
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), content);
    }
    const found = (await cruise(fixture)).map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "no-cycle: src/core/a.ts → src/core/b.ts",
        "imports-point-down: src/store/read-events.ts → src/ingest/event.ts",
        "stage-allow-list: src/detect/incident.ts → src/deliver/branch-name.ts",
        "forges-stay-apart: src/deliver/github/forge.ts → src/deliver/local-git/errors.ts",
        "no-unknown-folder: src/newstage/x.ts → src/core/a.ts",
      ]),
    );
  }, 60_000);
});
