import { afterEach, describe, expect, it } from "vitest";
import { type FixtureRun, expectPassesOnFix, reproduceFixture, reproducedTest } from "./reproduce-support.ts";

// Request replay through apps served over node:http: Express (its final handler answers the
// crash with a 500), Koa (the app's own error middleware swallows it), a node:http server with a
// home-made router, and Fastify's inject (its error handler answers 500).

let run: FixtureRun | null = null;
afterEach(() => {
  run?.repo.remove();
  run = null;
});

describe("reproducing request crashes behind node:http", () => {
  it("Express with node:test: replays the request through the app the tests build, and sees the error Express swallowed", async () => {
    run = await reproduceFixture("express-invoices");
    const test = reproducedTest(run.reproduction);
    expect(run.reproduction).toMatchObject({ kind: "reproduced", strategy: "request-replay", runs: 1 });
    expect(test).toMatchObject({ path: "test/invoices-regression.test.js", runner: "node:test", command: { program: "node", args: ["--test", "--test-force-exit", "test/invoices-regression.test.js"] } });
    expect(test.content).toContain('import { createApp } from "../src/app.js";');
    expect(test.content).toContain("const app = createApp({ store });");
    expect(test.content).toContain('+ "/invoices/inv_404"');
    if (run.reproduction.kind !== "reproduced") return;
    const { evidence } = run.reproduction;
    expect(evidence.matched).toMatchObject({ type: "TypeError", message: "Cannot read properties of undefined (reading 'id')" });
    expect(evidence.matched.frames.at(-1)).toMatchObject({ file: "src/routes/invoices.js", line: 12, inApp: true });
    expect(evidence.exitCode).not.toBe(0);
    expect(evidence.failingAnswer).toMatchObject({ kind: "response", status: 500 });
    expect(evidence.successAnswers).toMatchObject([{ answer: { kind: "response", status: 200, body: '{"id":"inv_1","customer":"Acme","total":150}' } }]);
    await expectPassesOnFix(run, [
      { file: "src/routes/invoices.js", search: "    const invoice = store.find(req.params.id);\n", replace: '    const invoice = store.find(req.params.id);\n    if (!invoice) return res.status(404).json({ error: "not_found" });\n' },
    ]);
  });

  it("Koa with mocha: takes the server from the suite's before hook, passes its auth, and sees the error the app's middleware swallowed", async () => {
    run = await reproduceFixture("koa-cart");
    const test = reproducedTest(run.reproduction);
    expect(test).toMatchObject({ path: "test/app-regression.spec.js", runner: "mocha" });
    expect(test.content).toContain("server = http.createServer(createApp().callback())");
    // The recorded authorization was scrubbed; the suite's own token gets the request to the crash.
    expect(test.content).toContain("headers: { 'content-type': 'application/json', authorization: 'Bearer test-token' }");
    expect(test.content).not.toMatch(/;$/m);
    expect(test.command.args).toContain("--grep");
    if (run.reproduction.kind === "reproduced") {
      expect(run.reproduction.evidence.failingAnswer).toMatchObject({ status: 500, body: '{"error":"something went wrong"}' });
      expect(run.reproduction.evidence.successAnswers[0]?.answer).toMatchObject({ status: 201 });
    }
    await expectPassesOnFix(run, [
      { file: "lib/app.js", search: "    const product = catalog.lookup(sku)\n", replace: "    const product = catalog.lookup(sku)\n    if (!product) {\n      ctx.status = 404\n      ctx.body = { error: 'unknown sku' }\n      return\n    }\n" },
    ]);
  });

  it("node:http with a home-made router: starts the server factory the tests use on an ephemeral port", async () => {
    run = await reproduceFixture("node-http-reports");
    const test = reproducedTest(run.reproduction);
    expect(test.path).toBe("test/reports-regression.test.js");
    expect(test.content).toContain('const { createServer } = require("../src/server");');
    expect(test.content).toContain("const server = createServer();");
    expect(test.content).toContain('server.listen(0, "127.0.0.1", resolve)');
    await expectPassesOnFix(run, [{ file: "src/handlers/reports.js", search: 'const to = query.get("to").slice(0, 7);', replace: 'const to = (query.get("to") ?? "9999-12").slice(0, 7);' }]);
  });

  it("Fastify with vitest: injects through the app of the suite's beforeEach and closes it as the afterEach does", async () => {
    run = await reproduceFixture("fastify-orders");
    const test = reproducedTest(run.reproduction);
    expect(test).toMatchObject({ path: "tests/orders-regression.test.ts", runner: "vitest" });
    expect(test.content).toContain('import { afterEach, beforeEach, describe, expect, it } from "vitest";');
    expect(test.content).toContain('url: "/orders?tag=gift"');
    expect(test.content).toContain("await app.close();");
    if (run.reproduction.kind === "reproduced") expect(run.reproduction.evidence.failingAnswer).toMatchObject({ status: 500 });
    await expectPassesOnFix(run, [{ file: "src/routes/orders.ts", search: "(tag as string[]).map", replace: "(Array.isArray(tag) ? tag : [tag]).map" }]);
  });
});
