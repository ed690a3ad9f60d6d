import { afterEach, describe, expect, it } from "vitest";
import { commitFix, loadIncident } from "./fixture-apps.ts";
import { type FixtureRun, expectPassesOnFix, reproduceFixture, reproducedTest } from "./reproduce-support.ts";

// Entry-point calls for errors outside any request (a job, a library), and the cases that must
// come out as "not reproduced": an outage upstream, and a request that no longer crashes.

let run: FixtureRun | null = null;
afterEach(() => {
  run?.repo.remove();
  run = null;
});

describe("reproducing by calling the culprit", () => {
  it("a library function with vitest: the test's own arguments without the field the culprit reads", async () => {
    run = await reproduceFixture("billing-lib");
    const test = reproducedTest(run.reproduction);
    expect(run.reproduction).toMatchObject({ strategy: "entry-point" });
    expect(test).toMatchObject({ path: "test/amount-regression.spec.ts", name: "invoiceAmount() does not throw TypeError when `order.settings` is missing" });
    expect(test.content).toContain('const result = await invoiceAmount({ customer: "acme", hours: 10 });');
    expect(test.content).toContain('expect(String(JSON.stringify(result, missing))).not.toContain("<missing>");');
    await expectPassesOnFix(run, [
      { file: "src/amount.ts", search: "  const rate = order.settings!.rate;", replace: '  if (!order.settings) return { amount: 0, currency: "EUR" };\n  const rate = order.settings.rate;' },
    ]);
  });

  it("a job with mocha and chai: an element of the list the callback walks, with the test's setup kept", async () => {
    run = await reproduceFixture("reminders-job");
    const test = reproducedTest(run.reproduction);
    expect(test.name).toBe("dueReminders() does not throw TypeError when `accounts[].owner` is null");
    expect(test.content).toContain("const now = Date.UTC(2024, 5, 1);");
    expect(test.content).toContain("owner: null");
    expect(test.content).toContain('expect(String(JSON.stringify(result, missing))).to.not.include("<missing>");');
    await expectPassesOnFix(run, [{ file: "lib/reminders.js", search: "    if (now - account.lastLogin < 30 * DAY) return;\n", replace: "    if (now - account.lastLogin < 30 * DAY) return;\n    if (!account.owner) return;\n" }]);
  });

  it("a silently wrong fix does not pass the regression test: NaN where the amount was", async () => {
    run = await reproduceFixture("billing-lib");
    await expect(expectPassesOnFix(run, [{ file: "src/amount.ts", search: "order.settings!.rate", replace: "order.settings?.rate" }])).rejects.toThrow();
  });
});

describe("not reproduced", () => {
  it("does not try to reproduce an outage upstream", async () => {
    const input = { ...loadIncident("express-invoices"), error: { type: "TypeError", message: "fetch failed" } };
    run = await reproduceFixture("express-invoices", input);
    expect(run.reproduction).toMatchObject({ kind: "not-reproduced", runs: 0, attempts: [] });
    if (run.reproduction.kind === "not-reproduced") expect(run.reproduction.reason).toMatch(/^Not attempted: a network request failed \(fetch failed\)/);
  });

  it("records what was tried when the recorded request no longer crashes the base commit", async () => {
    run = await reproduceFixture("express-invoices", loadIncident("express-invoices"), (repo) =>
      commitFix(repo, [{ file: "src/routes/invoices.js", search: "    const invoice = store.find(req.params.id);\n", replace: '    const invoice = store.find(req.params.id);\n    if (!invoice) return res.status(404).json({ error: "not_found" });\n' }]),
    );
    expect(run.reproduction.kind).toBe("not-reproduced");
    if (run.reproduction.kind !== "not-reproduced") return;
    expect(run.reproduction.reason).toMatch(/^No attempt threw the incident's error on the base commit/);
    const replay = run.reproduction.attempts.find((attempt) => attempt.strategy === "request-replay")!;
    expect(replay).toMatchObject({ outcome: "no-exception", answer: { kind: "response", status: 404 } });
    expect(replay.detail).toBe('no exception from application code; it answered 404 with {"error":"not_found"}');
    expect(run.reproduction.attempts.every((attempt) => attempt.outcome !== "reproduced")).toBe(true);
  });
});
