import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DENO_BIN } from "../support/deno-function.ts";

// Every edge function type-checks under Deno with the repository's import map (what
// `supabase functions deploy` bundles), so `npm test` fails on a function that would not deploy.

const FUNCTIONS_DIR = join("supabase", "functions");

function functionEntries(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FUNCTIONS_DIR, entry.name, "index.ts")))
    .map((entry) => join(FUNCTIONS_DIR, entry.name, "index.ts"))
    .sort();
}

describe("edge functions", () => {
  it("each have a deno.json beside index.ts", () => {
    const entries = functionEntries();
    expect(entries.map((entry) => entry.split("/")[2])).toEqual(expect.arrayContaining(["heal", "ingest"]));
    for (const entry of entries) expect(existsSync(entry.replace(/index\.ts$/, "deno.json")), entry).toBe(true);
  });

  it("pass deno check", () => {
    const result = spawnSync(DENO_BIN, ["check", "--config", "deno.json", ...functionEntries()], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      timeout: 120_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 150_000);
});
