import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseAssignee, ROSTER } from "../packages/core/src/index.ts";
import { startDesk, V5 } from "./support.ts";

let env: Awaited<ReturnType<typeof startDesk>>;
beforeEach(async () => {
  env = await startDesk();
});
afterEach(() => env.close());

describe("urgent tickets nobody has the skill for", () => {
  it("go to the least loaded online agent", async () => {
    await env.call("POST", "/api/tickets", { customerId: "c_11aa22bb", product: "billing", subject: "Fee", body: "…" }, V5);
    const res = await env.call("POST", "/api/tickets", { customerId: "c_5d1e9a0b", product: "app", priority: "urgent", subject: "Cannot log in", body: "Rent is due today." }, V5);
    expect(res.status).toBe(201);
    expect(res.body.assignee).toBe("ag_bjorn");
    expect(res.body.respondBy).toBe("2026-11-27T09:30:00.000Z");
    expect(env.reported).toEqual([]);
  });

  it("still wait in the queue when they are not urgent", async () => {
    const res = await env.call("POST", "/api/tickets", { customerId: "c_5d1e9a0b", product: "app", priority: "high", subject: "Cannot log in", body: "…" }, V5);
    expect(res.body.assignee).toBeNull();
  });

  it("fall back even when the skilled agents are full", () => {
    expect(chooseAssignee({ product: "shipping", priority: "urgent" }, ROSTER, { ag_bjorn: 5, ag_esme: 3, ag_amal: 4, ag_chiara: 1 })).toBe("ag_chiara");
  });
});
