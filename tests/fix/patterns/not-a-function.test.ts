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
  it("guards the receiver of an array method with Array.isArray, keeping a TypeScript cast around it", async () => {
    const source = `export function names(users: unknown) {
  return (users as User[]).map((user) => user.name);
}
`;
    const [fix] = await generate("src/names.ts", source, ".map(", "users.map is not a function");
    expect(fix!.style).toBe("array-guard");
    expect(fix!.baseConfidence).toBe(0.8);
    expect(fix!.changes[0]!.after).toBe(`export function names(users: unknown) {
  return ((Array.isArray(users) ? users : []) as User[]).map((user) => user.name);
}
`);
  });

  it("guards a member-chain receiver in CommonJS, leaving the rest of the chain as it was", async () => {
    const source = `const total = (cart) => cart.items.reduce((sum, item) => sum + item.price, 0)
module.exports = { total }
`;
    const [fix] = await generate("lib/cart.js", source, "reduce", "cart.items.reduce is not a function");
    expect(fix!.changes[0]!.after).toBe(`const total = (cart) => (Array.isArray(cart.items) ? cart.items : []).reduce((sum, item) => sum + item.price, 0)
module.exports = { total }
`);
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
