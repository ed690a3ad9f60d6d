import { sign } from "@octokit/webhooks-methods";
import examples from "@octokit/webhooks-examples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../src/store/projects/create-project.ts";
import { type ServedFunction, serveFunction } from "../support/deno-function.ts";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../support/test-database.ts";

const SECRET = "deno-webhook-secret-0123456789";

describe.skipIf(!databaseUrl)("github-webhook edge function under real Deno", () => {
  let db: TestDatabase;
  let served: ServedFunction;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await createProject(db.sql, { name: "deno", repo: "Codertocat/Hello-World", defaultBranch: "master" });
    served = await serveFunction("github-webhook", { SUPABASE_DB_URL: db.url!, DATABASE_URL: db.url!, GITHUB_WEBHOOK_SECRET: SECRET });
  }, 120_000);
  afterAll(async () => {
    await served?.stop();
    await db?.drop();
  });

  it("verifies the signature, records a push once and answers a repeat as a duplicate", async () => {
    const group = (examples as unknown as Array<{ name: string; examples: unknown[] }>).find((e) => e.name === "push")!;
    const body = JSON.stringify(group.examples.find((p) => (p as { ref: string }).ref === "refs/heads/master"));
    const headers = { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "deno-delivery-1", "x-hub-signature-256": await sign(SECRET, body) };
    const first = await fetch(`${served.url}/functions/v1/github-webhook`, { method: "POST", headers, body });
    expect(first.status, served.output()).toBe(200);
    const again = await fetch(`${served.url}/functions/v1/github-webhook`, { method: "POST", headers, body });
    expect(await again.json()).toEqual({ duplicate: true, delivery: "deno-delivery-1" });
    const unsigned = await fetch(`${served.url}/functions/v1/github-webhook`, { method: "POST", headers: { ...headers, "x-hub-signature-256": "sha256=00" }, body });
    expect(unsigned.status).toBe(401);
    const rows = await db.sql.query(`select kind from healing.healing_events where kind = 'github.push'`);
    expect(rows).toHaveLength(1);
  });
});
