import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { notAFunctionPattern } from "../../../src/fix/patterns/not-a-function.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function generate(file: string, source: string, marker: string, message: string) {
  const found = await notAFunctionPattern.generate(fixContext({ file, source, line: lineOf(source, marker), message }));
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("not-a-function", () => {
  it("wraps a single value into a list of one (never an empty list), keeping a TypeScript cast around it", async () => {
    const source = `export function names(users: unknown) {
  return (users as User[]).map((user) => user.name);
}
`;
    const [fix] = await generate("src/names.ts", source, ".map(", "users.map is not a function");
    expect(fix!.style).toBe("array-wrap");
    expect(fix!.rank).toEqual({ strategy: "normalize", fit: 0.7 });
    expect(fix!.expectation.outcome).toBe("completes");
    expect(fix!.changes[0]!.after).toBe(`export function names(users: unknown) {
  return ((Array.isArray(users) ? users : [users]) as User[]).map((user) => user.name);
}
`);
  });

  it("wraps a member-chain receiver in CommonJS, leaving the rest of the chain as it was", async () => {
    const source = `const total = (cart) => cart.items.reduce((sum, item) => sum + item.price, 0)
module.exports = { total }
`;
    const [fix] = await generate("lib/cart.js", source, "reduce", "cart.items.reduce is not a function");
    expect(fix!.changes[0]!.after).toBe(`const total = (cart) => (Array.isArray(cart.items) ? cart.items : [cart.items]).reduce((sum, item) => sum + item.price, 0)
module.exports = { total }
`);
  });

  it("wraps the value where it enters first, so every later use of the name sees the list", async () => {
    const source = `router.post("/readings", (req, res) => {
  const readings = req.body.readings;
  const accepted = readings.map(toReading);
  res.status(202).json({ accepted: accepted.length, rejected: readings.length - accepted.length });
});
`;
    const [atSource, atRead] = await generate("src/readings.js", source, "readings.map", "readings.map is not a function");
    expect(atSource!.changes[0]!.after).toBe(source.replace("const readings = req.body.readings;", "const readings = Array.isArray(req.body.readings) ? req.body.readings : [req.body.readings];"));
    expect(atSource!.rank.fit).toBeGreaterThan(atRead!.rank.fit);
    expect(atRead!.changes[0]!.after).toContain("(Array.isArray(readings) ? readings : [readings]).map(toReading)");
  });

  it("calls a hook only when it is defined, where the registry's other entries lack it", async () => {
    const bots = `const bots = {
  echo: { onMessage(message) { return message; } },
  dice: { onCommand(command) { return command; } },
};
module.exports = { bots };
`;
    const source = `const { bots } = require("./bots");
function broadcast(names, message) {
  for (const bot of names.map((name) => bots[name])) {
    bot.onMessage(message);
  }
}
module.exports = { broadcast };
`;
    const found = await notAFunctionPattern.generate(fixContext({ file: "src/broadcast.js", source, line: lineOf(source, "bot.onMessage"), message: "bot.onMessage is not a function", files: { "src/bots.js": bots } }));
    expect(found.map((item) => item.style)).toEqual(["optional-call"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace("bot.onMessage(message);", "bot.onMessage?.(message);"));
  });

  it("declines a missing method on a module (a renamed export) and a hook every entry defines", async () => {
    const stats = `export function mean(values) { return 0; }\n`;
    const source = `import * as stats from "./stats.js";\nexport const p = (values) => stats.percentile(values, 90);\n`;
    expect(await notAFunctionPattern.generate(fixContext({ file: "src/report.js", source, line: 2, message: "stats.percentile is not a function", files: { "src/stats.js": stats } }))).toEqual([]);
    const all = `const bots = { a: { onMessage() {} }, b: { onMessage() {} } };\nfunction ping(bot) {\n  bot.onMessage();\n}\n`;
    expect(await notAFunctionPattern.generate(fixContext({ file: "src/all.js", source: all, line: 3, message: "bot.onMessage is not a function" }))).toEqual([]);
  });

  it("declines when the value is a string (the fix is a split, not a guard)", async () => {
    const source = `const csv = readFileSync("a.csv", "utf8").toString();
const rows = csv.map((line) => line.split(","));
`;
    expect(await generate("lib/csv.js", source, "csv.map", "csv.map is not a function")).toEqual([]);
  });

  it("declines when the code reads the value as a paginated wrapper ({ data: [...] })", async () => {
    const source = `async function load() {
  const users = await api.get("/users");
  console.log(users.data.length);
  return users.filter((user) => user.active);
}
`;
    expect(await generate("lib/load.js", source, "users.filter", "users.filter is not a function")).toEqual([]);
  });

  it("declines methods that are not array methods and receivers with side effects", async () => {
    const source = `const value = client.connect();
const rows = getRows().map((row) => row.id);
`;
    expect(await generate("a.js", source, "client.connect", "client.connect is not a function")).toEqual([]);
    expect(await generate("a.js", source, "getRows", "getRows(...).map is not a function")).toEqual([]);
  });
});
