// Measures the fix stage's parser cost against the 2 s CPU limit of an edge function: a generated
// 1,000-line TypeScript file is parsed and patched (the full property-of-nullish pattern, which
// parses once, analyses the handler and splices the fix) 50 times; prints the median in ms.
// Part of `npm run bench`; runs on its own under Deno too: `npx deno run -A --config deno.json scripts/bench/fix-parse-bench.ts`.

import { fileURLToPath } from "node:url";
import { median } from "../../src/detect/incident.ts";
import { classifyError } from "../../src/diagnose/classify.ts";
import { parseSource } from "../../src/fix/parse-source.ts";
import type { FixContext } from "../../src/fix/fix-context.ts";
import { generateFixCandidates } from "../../src/fix/pattern-library.ts";

const RUNS = 50;
const TARGET_LINES = 1000;

function generateFile(): { source: string; line: number } {
  const lines = ['import express from "express";', 'import { db } from "./db.ts";', "", "export const router = express.Router();", ""];
  let index = 0;
  while (lines.length < TARGET_LINES - 12) {
    lines.push(
      `export interface Record${index} {`,
      `  id: string;`,
      `  name: string;`,
      `  tags?: string[];`,
      `}`,
      ``,
      `export function describe${index}(record: Record${index} | null): string | null {`,
      `  if (!record) return null;`,
      `  const tags = (record.tags ?? []).map((tag) => tag.trim()).filter(Boolean);`,
      `  return \`\${record.name} (\${tags.join(", ")})\`;`,
      `}`,
      ``,
    );
    index += 1;
  }
  lines.push(
    'router.get("/users/:id", async (req, res) => {',
    "  const user = await db.users.findById(req.params.id);",
    "  res.json({ email: user.email });",
    "});",
    "",
    'router.post("/users", async (req, res) => {',
    "  if (!req.body) {",
    '    return res.status(400).json({ error: "missing body" });',
    "  }",
    "  res.status(201).json(await db.users.create(req.body));",
    "});",
  );
  const source = lines.join("\n") + "\n";
  return { source, line: lines.indexOf("  res.json({ email: user.email });") + 1 };
}

export interface FixParseBenchResult {
  lines: number;
  runs: number;
  parse_median_ms: number;
  parse_and_patch_median_ms: number;
  parse_and_patch_max_ms: number;
}

export async function benchFixParse(): Promise<FixParseBenchResult> {
  const { source, line } = generateFile();
  const classification = classifyError("TypeError", "Cannot read properties of undefined (reading 'email')");
  if (classification.kind !== "code-bug") throw new Error("bench message must classify as a code bug");
  const file = "src/routes/users.ts";
  const ctx: FixContext = {
    classification,
    culprit: { file, line, column: null, function: null },
    source,
    repo: { readFile: async (path) => (path === file ? source : null), listFiles: async () => [file] },
    message: "Cannot read properties of undefined (reading 'email')",
  };
  const parseOnly: number[] = [];
  const parseAndPatch: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    let started = performance.now();
    parseSource(file, source);
    parseOnly.push(performance.now() - started);
    started = performance.now();
    const candidates = await generateFixCandidates(ctx);
    parseAndPatch.push(performance.now() - started);
    if (candidates[0]?.style !== "early-response") throw new Error("bench fixture no longer produces the expected fix");
  }
  const result = {
    lines: source.split("\n").length - 1,
    runs: RUNS,
    parse_median_ms: Number(median(parseOnly).toFixed(2)),
    parse_and_patch_median_ms: Number(median(parseAndPatch).toFixed(2)),
    parse_and_patch_max_ms: Number(Math.max(...parseAndPatch).toFixed(2)),
  };
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await benchFixParse()));
