import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { notDefinedPattern } from "../../../src/fix/patterns/not-defined.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function generate(file: string, source: string, marker: string, message: string, files: Record<string, string>) {
  const found = await notDefinedPattern.generate(fixContext({ file, source, line: lineOf(source, marker), message, type: "ReferenceError", files }));
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("not-defined", () => {
  it("adds an ESM import after the last import, with the file's .js-for-.ts extension convention", async () => {
    const source = `import { db } from "../db.js";
import type { Order } from "../types.js";

export async function invoice(id: string): Promise<string> {
  const order: Order = await db.orders.get(id);
  return formatPrice(order.total);
}
`;
    const [fix] = await generate("src/routes/invoice.ts", source, "formatPrice(", "formatPrice is not defined", {
      "src/lib/money.ts": "export function formatPrice(cents: number): string {\n  return `$${(cents / 100).toFixed(2)}`;\n}\n",
      "src/lib/other.ts": "export const formatDate = (d: Date) => d.toISOString();\n",
    });
    expect(fix!.style).toBe("import-added");
    expect(fix!.baseConfidence).toBe(0.93);
    expect(fix!.changes[0]!.after).toBe(source.replace('import type { Order } from "../types.js";\n', 'import type { Order } from "../types.js";\nimport { formatPrice } from "../lib/money.js";\n'));
    expect(fix!.rootCause).toContain("src/lib/money.ts exports it");
  });

  it("adds the name to an existing import from the same module instead of a second import", async () => {
    const source = `import { slugify } from './text.ts'

export const title = (s: string) => capitalize(slugify(s))
`;
    const [fix] = await generate("src/title.ts", source, "capitalize(", "capitalize is not defined", {
      "src/text.ts": "export function slugify(s: string) { return s }\nexport function capitalize(s: string) { return s }\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace("import { slugify } from './text.ts'", "import { slugify, capitalize } from './text.ts'"));
  });

  it("adds a require in CommonJS, extensionless like the file's other requires", async () => {
    const source = `'use strict';
const express = require('express');
const { db } = require('./db');

module.exports = function list(req, res) {
  res.json(paginate(db.items, req.query.page));
};
`;
    const [fix] = await generate("src/list.js", source, "paginate(", "paginate is not defined", {
      "src/util/paginate.js": "function paginate(items, page) { return items.slice(page * 10, page * 10 + 10); }\nmodule.exports = { paginate };\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace("const { db } = require('./db');\n", "const { db } = require('./db');\nconst { paginate } = require('./util/paginate');\n"));
  });

  it("imports a default-exported function as a default import", async () => {
    const source = `import express from "express";

export const app = express();
app.use(logger());
`;
    const [fix] = await generate("src/app.js", source, "logger()", "logger is not defined", {
      "src/logger.js": "export default function logger() {\n  return (req, res, next) => next();\n}\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace('import express from "express";\n', 'import express from "express";\nimport logger from "./logger.js";\n'));
  });

  it("prefers the declaring module over a barrel that re-exports it", async () => {
    const source = `export const cents = (n: number) => toCents(n);\n`;
    const [fix] = await generate("src/a.ts", source, "toCents", "toCents is not defined", {
      "src/lib/index.ts": 'export { toCents } from "./money";\n',
      "src/lib/money.ts": "export const toCents = (n: number) => Math.round(n * 100);\n",
    });
    expect(fix!.changes[0]!.after).toBe(`import { toCents } from "./lib/money";\nexport const cents = (n: number) => toCents(n);\n`);
  });

  it("declines when no module exports the name", async () => {
    const source = `export const total = sumAll([1, 2]);\n`;
    expect(await generate("src/t.ts", source, "sumAll", "sumAll is not defined", { "src/u.ts": "export const sum = 1;\n" })).toEqual([]);
  });

  it("declines when several modules export the name", async () => {
    const source = `export const v = parse("1");\n`;
    expect(
      await generate("src/v.ts", source, "parse", "parse is not defined", {
        "src/a.ts": "export function parse(s: string) { return s; }\n",
        "src/b.ts": "export function parse(s: string) { return Number(s); }\n",
      }),
    ).toEqual([]);
  });

  it("declines type-only exports, test files and runtime globals", async () => {
    const source = `export const x = Helper();\n`;
    expect(
      await generate("src/x.ts", source, "Helper", "Helper is not defined", {
        "src/types.ts": "export type Helper = () => void;\n",
        "src/x.test.ts": "export function Helper() {}\n",
      }),
    ).toEqual([]);
    const usesProcess = `const port = process.env.PORT;\n`;
    expect(await generate("src/p.js", usesProcess, "process", "process is not defined", { "src/env.js": "export const process = {};\n" })).toEqual([]);
  });
});
