import { afterEach, describe, expect, it } from "vitest";
import { type FixtureRun, expectPassesOnFix, reproduceFixture, reproducedTest } from "./reproduce-support.ts";

// Request replay through handlers called in process: Hono's app.request (its onError answers
// 500), a Next App Router route handler (params as a promise), and Lambda handlers with API
// Gateway v1 and v2 events.

let run: FixtureRun | null = null;
afterEach(() => {
  run?.repo.remove();
  run = null;
});

describe("reproducing request crashes in handlers", () => {
  it("Hono with node:test and tsx: app.request on the exported app, past onError's 500", async () => {
    run = await reproduceFixture("hono-profiles");
    const test = reproducedTest(run.reproduction);
    expect(test).toMatchObject({ path: "test/app-regression.test.ts", runner: "node:test", command: { args: ["--import", "tsx", "--test", "--test-force-exit", "test/app-regression.test.ts"] } });
    expect(test.content).toContain('import { it } from "node:test";'.replace("{ it }", "{ describe, it }"));
    expect(test.content).toContain('const response = await app.request("/users/8/card"');
    if (run.reproduction.kind === "reproduced") {
      expect(run.reproduction.evidence.matched.message).toBe("Cannot destructure property 'city' of 'user.address' as it is undefined.");
      expect(run.reproduction.evidence.failingAnswer).toMatchObject({ status: 500, body: '{"error":"internal"}' });
    }
    await expectPassesOnFix(run, [{ file: "src/app.ts", search: "  const { city, country } = user.address;", replace: '  if (!user.address) return { name: user.name, location: "unknown" };\n  const { city, country } = user.address;' }]);
  });

  it("Next route handler with vitest: calls GET with a Request and promised params from the [id] folder", async () => {
    run = await reproduceFixture("next-invoices");
    const test = reproducedTest(run.reproduction);
    expect(test.path).toBe("__tests__/invoices-regression.test.ts");
    expect(test.content).toContain('import { GET } from "../app/api/invoices/[id]/route";');
    expect(test.content).toContain('{ params: Promise.resolve({ id: "INV-2002" }) }');
    if (run.reproduction.kind === "reproduced") expect(run.reproduction.evidence.failingAnswer).toMatchObject({ kind: "threw", type: "TypeError" });
    await expectPassesOnFix(run, [
      { file: "app/api/invoices/[id]/route.ts", search: "  const invoice = await getInvoice(id);\n", replace: '  const invoice = await getInvoice(id);\n  if (!invoice) return Response.json({ error: "not found" }, { status: 404 });\n' },
    ]);
  });

  it("Lambda v1 with jest: an API Gateway REST event from the recorded request, stage and path parameters included", async () => {
    run = await reproduceFixture("lambda-orders-v1");
    const test = reproducedTest(run.reproduction);
    expect(test).toMatchObject({ path: "test/handler-regression.test.js", runner: "jest" });
    expect(test.content).toContain('const { getOrder } = require("../src/handler");');
    expect(test.content).toContain('resource: "/orders/{orderId}"');
    expect(test.content).toContain('pathParameters: { orderId: "ord_2" }');
    expect(test.content).toContain("expect(response.statusCode).toBeLessThan(500);");
    await expectPassesOnFix(run, [{ file: "src/handler.js", search: "items: order.items.length,", replace: "items: (order.items ?? []).length," }]);
  });

  it("Lambda v2 with node:test via tsx: an HTTP API event, past the handler's own catch-all 500", async () => {
    run = await reproduceFixture("lambda-signup-v2");
    const test = reproducedTest(run.reproduction);
    expect(test).toMatchObject({ path: "test/handler-regression.test.ts", command: { args: ["--import", "tsx", "--test", "--test-force-exit", "test/handler-regression.test.ts"] } });
    expect(test.content).toContain('version: "2.0"');
    expect(test.content).toContain('body: "email=ann@example.com&plan=pro"');
    expect(test.content).toContain("const response = await handler(event);");
    if (run.reproduction.kind === "reproduced") {
      expect(run.reproduction.evidence.matched.frames.filter((frame) => frame.inApp).at(-1)).toMatchObject({ file: "src/handler.ts", function: "parseSignup" });
      expect(run.reproduction.evidence.failingAnswer).toMatchObject({ status: 500 });
      expect(run.reproduction.evidence.successAnswers[0]?.answer).toMatchObject({ status: 201 });
    }
    await expectPassesOnFix(run, [
      {
        file: "src/handler.ts",
        search: '    const account = register(parseSignup(event.body ?? ""));',
        replace: '    let signup;\n    try {\n      signup = parseSignup(event.body ?? "");\n    } catch {\n      return { statusCode: 400, body: JSON.stringify({ message: "the body must be JSON" }) };\n    }\n    const account = register(signup);',
      },
    ]);
  });
});
