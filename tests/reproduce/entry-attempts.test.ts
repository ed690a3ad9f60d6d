import { describe, expect, it } from "vitest";
import { planEntryAttempts } from "../../src/reproduce/entry-attempts.ts";
import { type ModuleFacts, readModuleFacts } from "../../src/reproduce/module-facts.ts";
import type { RecordedRequest } from "../../src/reproduce/reproduction.ts";

function plan(files: Record<string, string>, culprit: { file: string; function: string | null; line: number; column: number | null }, message: string, requests: RecordedRequest[] = []) {
  const paths = new Set(Object.keys(files));
  const modules = new Map<string, ModuleFacts>();
  for (const [path, source] of Object.entries(files)) modules.set(path, readModuleFacts(path, source, paths)!);
  return planEntryAttempts({
    modules,
    tests: [...paths].filter((path) => path.includes(".test.")),
    culprit,
    stack: [{ file: culprit.file, function: culprit.function }],
    error: { type: "TypeError", message },
    failingRequests: requests,
    literal: { quote: '"', indentUnit: "  " },
    semicolons: true,
  });
}

describe("planEntryAttempts", () => {
  it("removes the nested field the culprit reads, starting from the arguments a test passes", () => {
    const attempts = plan(
      {
        "src/amount.ts": "export function invoiceAmount(order) {\n  const rate = order.settings.rate;\n  return order.hours * rate;\n}\n",
        "test/amount.test.ts": 'import { invoiceAmount } from "../src/amount";\ntest("x", () => invoiceAmount({ customer: "acme", hours: 10, settings: { rate: 2 } }));\n',
      },
      { file: "src/amount.ts", function: "invoiceAmount", line: 2, column: 29 },
      "Cannot read properties of undefined (reading 'rate')",
    );
    expect(attempts[0]).toMatchObject({
      description: "invoiceAmount() from src/amount.ts when `order.settings` is missing",
      title: "invoiceAmount() does not throw TypeError when `order.settings` is missing",
      exercise: { lines: ['const result = await invoiceAmount({ customer: "acme", hours: 10 });'] },
    });
  });

  it("looks up an id that matches nothing, taken from the failing request", () => {
    const attempts = plan(
      { "src/orders.js": "const orders = new Map();\nexport function total(id) {\n  const order = orders.get(id);\n  return order.lines.length;\n}\n" },
      { file: "src/orders.js", function: "total", line: 4, column: 16 },
      "Cannot read properties of undefined (reading 'lines')",
      [{ method: "GET", url: "/orders/ord_404", headers: {}, body: null }],
    );
    expect(attempts.slice(0, 2).map((attempt) => attempt.exercise.lines[0])).toEqual(['const result = await total("ord_404");', 'const result = await total("does-not-exist");']);
  });

  it("passes a single value where a list is iterated, and text that is not JSON where JSON is parsed", () => {
    const list = plan(
      { "src/tags.js": "export function normalize(query) {\n  return query.tags.map((tag) => tag.trim());\n}\n" },
      { file: "src/tags.js", function: "normalize", line: 2, column: 21 },
      "query.tags.map is not a function",
      [{ method: "GET", url: "/items?tags=red", headers: {}, body: null }],
    );
    expect(list[0]).toMatchObject({ description: "normalize() from src/tags.js when `query.tags` is a single value rather than a list", exercise: { lines: ['const result = await normalize({ tags: "red" });'] } });
    const json = plan(
      { "src/parse.js": "export function parse(body) {\n  return JSON.parse(body).name;\n}\n" },
      { file: "src/parse.js", function: "parse", line: 2, column: 15 },
      "Unexpected token 'h', \"hello\" is not valid JSON",
      [{ method: "POST", url: "/x", headers: {}, body: "hello" }],
    );
    expect(json[0]?.exercise.lines[0]).toBe('const result = await parse("hello");');
  });

  it("follows a list into the callback that walks it, and keeps what the test computes verbatim", () => {
    const attempts = plan(
      {
        "lib/r.js": "export function due(accounts, now) {\n  return accounts.map((account) => account.owner.email);\n}\n",
        "lib/r.test.js": 'import { due } from "./r.js";\nit("x", () => {\n  const now = Date.UTC(2024, 0, 1);\n  due([{ id: 1, owner: { email: "a@b.c" }, seen: Date.UTC(2023, 0, 1) }], now);\n});\n',
      },
      { file: "lib/r.js", function: null, line: 2, column: 51 },
      "Cannot read properties of null (reading 'email')",
    );
    expect(attempts[0]).toMatchObject({
      description: "due() from lib/r.js when `accounts[].owner` is null",
      handle: { statements: ["const now = Date.UTC(2024, 0, 1);"], testFile: "lib/r.test.js" },
      exercise: { lines: ["const result = await due([{ id: 1, owner: null, seen: Date.UTC(2023, 0, 1) }], now);"] },
    });
  });

  it("calls a method of an exported object or of a new instance", () => {
    const object = plan(
      { "src/svc.js": "export const service = {\n  find(id) {\n    return db[id].name;\n  },\n};\nconst db = {};\n" },
      { file: "src/svc.js", function: "Object.find", line: 3, column: 19 },
      "Cannot read properties of undefined (reading 'name')",
    );
    expect(object[0]?.exercise.lines[0]).toBe('const result = await service.find("does-not-exist");');
    const instance = plan(
      { "src/repo.ts": "export class Repo {\n  rows: Record<string, { name: string }> = {};\n  name(id: string) {\n    return this.rows[id].name;\n  }\n}\n" },
      { file: "src/repo.ts", function: "Repo.name", line: 4, column: 26 },
      "Cannot read properties of undefined (reading 'name')",
    );
    expect(instance[0]?.exercise.lines[0]).toMatch(/^const result = await new Repo\(\)\.name\(/);
  });
});
