import { sign } from "@octokit/webhooks-methods";
import examples from "@octokit/webhooks-examples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { missionMarker } from "../../src/deliver/github/mission-marker.ts";
import { recordPullRequest } from "../../src/store/github/record-pull-request.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createGithubWebhookHandler } from "../../src/webhooks/github-webhook-handler.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// Recorded real payloads from @octokit/webhooks-examples (repository Codertocat/Hello-World),
// adjusted only where a field must point at our mission (head branch, body marker, merge state).

const SECRET = "It's a Secret to Everybody";
const REPO = "Codertocat/Hello-World";
const AT = new Date("2026-11-21T10:00:00.000Z");

type Example = Record<string, any>;
function example(event: string, predicate: (payload: Example) => boolean = () => true): Example {
  const group = (examples as unknown as Array<{ name: string; examples: Example[] }>).find((e) => e.name === event);
  const found = group?.examples.find(predicate);
  if (!found) throw new Error(`no recorded ${event} example`);
  return structuredClone(found);
}

let deliveries = 0;
async function deliver(handler: (r: Request) => Promise<Response>, event: string, payload: unknown, options: { id?: string; signature?: string; body?: string } = {}) {
  const body = options.body ?? JSON.stringify(payload);
  const response = await handler(
    new Request("http://localhost/functions/v1/github-webhook", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": options.id ?? `72d3162e-cc78-11e3-81ab-${String(++deliveries).padStart(12, "0")}`,
        "x-hub-signature-256": options.signature ?? (await sign(SECRET, body)),
      },
      body,
    }),
  );
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Record<string, any> };
}

describe.each(testDrivers)("GitHub webhook handler (%s)", (driver) => {
  let db: TestDatabase;
  let sql: Sql;
  let handler: (r: Request) => Promise<Response>;
  let projectId: string;

  async function mission(branch: string): Promise<{ id: string; trace_id: string }> {
    const [group] = await sql.query<{ id: string }>(
      `insert into healing.detected_errors (project_id, fingerprint, title, error_type, normalized_message, first_seen, last_seen)
       values ($1, $2, 'TypeError', 'TypeError', 'x', now(), now()) returning id`,
      [projectId, `fp-${branch}`],
    );
    const [row] = await sql.query<{ id: string; trace_id: string }>(
      `insert into healing.auto_fixes (project_id, detected_error_id, fingerprint, state, branch, commit_sha)
       values ($1, $2, $3, 'proposed', $4, 'ec26c3e57ca3a959ca5aad62de7213c562f8c821') returning id, trace_id`,
      [projectId, group!.id, `fp-${branch}`, branch],
    );
    return row!;
  }

  async function events(missionId: string | null = null): Promise<Array<{ kind: string; message: string; data: Record<string, any> }>> {
    return sql.query(`select kind, message, data from healing.healing_events where ($1::uuid is null or mission_id = $1::uuid) and kind like 'github.%' order by id`, [missionId]);
  }

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    sql = db.sql;
    projectId = (await createProject(sql, { name: "hello", repo: `https://github.com/${REPO}.git`, defaultBranch: "master" })).project.id;
    handler = createGithubWebhookHandler({ sql, secret: SECRET, logger: silentLogger, now: () => AT });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("records a merged Suture pull request found by its body marker", async () => {
    const m = await mission("suture/aaaa1111-guard-user");
    const payload = example("pull_request", (p) => p.action === "closed");
    payload.pull_request.merged = true;
    payload.pull_request.merge_commit_sha = "c4295bd74fb0f4fda03689c3df3f2803b658fd85";
    payload.pull_request.head.ref = "some-renamed-branch";
    payload.pull_request.body = `Fix.\n\n${missionMarker({ missionId: m.id, traceId: m.trace_id })}`;
    const response = await deliver(handler, "pull_request", payload);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ok: true, mission: m.id, state: "merged" });
    const [pull] = await sql.query(`select number, state, merge_commit, changed_at from healing.pull_requests where mission_id = $1`, [m.id]);
    expect(pull).toMatchObject({ number: 2, state: "merged", merge_commit: "c4295bd74fb0f4fda03689c3df3f2803b658fd85" });
    expect(new Date(pull!.changed_at as string).toISOString()).toBe(AT.toISOString());
    expect(await events(m.id)).toEqual([expect.objectContaining({ kind: "github.pull_request", message: "Pull request #2 was merged as c4295bd74fb0." })]);
    // The mission itself is left for the cycle.
    const [row] = await sql.query(`select state from healing.auto_fixes where id = $1`, [m.id]);
    expect(row).toEqual({ state: "proposed" });
  });

  it("records a pull request closed without merging, found by its suture/ branch", async () => {
    const m = await mission("suture/bbbb2222-close-me");
    const payload = example("pull_request", (p) => p.action === "closed");
    payload.number = 12;
    payload.pull_request.number = 12;
    payload.pull_request.head.ref = "suture/bbbb2222-close-me";
    const response = await deliver(handler, "pull_request", payload);
    expect(response.json).toMatchObject({ ok: true, mission: m.id, state: "closed" });
    expect(await sql.query(`select state, head_branch from healing.pull_requests where mission_id = $1`, [m.id])).toEqual([{ state: "closed", head_branch: "suture/bbbb2222-close-me" }]);
  });

  it("acknowledges but ignores a pull request that is not Suture's", async () => {
    const payload = example("pull_request", (p) => p.action === "closed");
    payload.pull_request.number = 99;
    const response = await deliver(handler, "pull_request", payload);
    expect(response.status).toBe(202);
    expect(response.json.ignored).toMatch(/not a Suture pull request/);
  });

  it("records approvals and requested changes from reviews", async () => {
    const m = await mission("suture/cccc3333-review");
    await recordPullRequest(sql, { missionId: m.id, projectId, repo: REPO, number: 21, url: "https://github.com/x/pull/21", headBranch: "suture/cccc3333-review", headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", baseBranch: "master" });
    const approved = example("pull_request_review", (p) => p.action === "submitted");
    approved.review.state = "approved";
    approved.pull_request.number = 21;
    approved.pull_request.head.ref = "suture/cccc3333-review";
    expect((await deliver(handler, "pull_request_review", approved)).json).toMatchObject({ ok: true, review: "approved" });
    expect(await sql.query(`select review_state, reviewed_by from healing.pull_requests where mission_id = $1`, [m.id])).toEqual([{ review_state: "approved", reviewed_by: "Codertocat" }]);

    const changes = structuredClone(approved);
    changes.review.state = "changes_requested";
    expect((await deliver(handler, "pull_request_review", changes)).json).toMatchObject({ review: "changes_requested" });
    expect((await events(m.id)).map((e) => e.message)).toEqual(["Codertocat approved #21.", "Codertocat requested changes on #21."]);
  });

  it("records a failing check run on a Suture pull request's head commit", async () => {
    const m = await mission("suture/dddd4444-ci");
    await recordPullRequest(sql, { missionId: m.id, projectId, repo: REPO, number: 31, url: "u", headBranch: "suture/dddd4444-ci", headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", baseBranch: "master" });
    const failed = example("check_run", (p) => p.action === "completed" && p.check_run.conclusion === "failure");
    failed.check_run.output.title = "3 tests failed";
    const response = await deliver(handler, "check_run", failed);
    expect(response.json).toMatchObject({ ok: true, checks: "failure" });
    expect(response.json.missions).toContain(m.id);
    expect(await sql.query(`select checks_status, checks_summary from healing.pull_requests where mission_id = $1`, [m.id])).toEqual([
      { checks_status: "failure", checks_summary: "Octocoders-linter: 3 tests failed" },
    ]);
    expect((await events(m.id)).at(-1)).toMatchObject({ kind: "github.check_run", data: { status: "failure", check: "Octocoders-linter" } });
  });

  it("records a commit status and a completed check suite", async () => {
    const m = await mission("suture/eeee5555-status");
    await recordPullRequest(sql, { missionId: m.id, projectId, repo: REPO, number: 41, url: "u", headBranch: "suture/eeee5555-status", headSha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", baseBranch: "master" });
    const status = example("status");
    status.state = "pending";
    expect((await deliver(handler, "status", status)).json).toMatchObject({ ok: true, checks: "pending" });
    expect(await sql.query(`select checks_status from healing.pull_requests where mission_id = $1`, [m.id])).toEqual([{ checks_status: "pending" }]);
    const suite = example("check_suite", (p) => p.action === "completed");
    suite.check_suite.head_sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    suite.check_suite.pull_requests = [];
    expect((await deliver(handler, "check_suite", suite)).json).toMatchObject({ ok: true, checks: "success", missions: [m.id] });
  });

  it("records deployment statuses in deployment_logs, tied to the mission whose merge was deployed", async () => {
    const m = await mission("suture/ffff6666-deploy");
    await sql.query(`update healing.auto_fixes set merge_commit = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' where id = $1`, [m.id]);
    const payload = example("deployment_status", (p) => p.deployment_status.state === "success");
    const response = await deliver(handler, "deployment_status", payload);
    expect(response.json).toMatchObject({ ok: true, mission: m.id, state: "success" });
    const rows = await sql.query(`select mission_id, kind, environment, commit_sha, status, source, deployment_id::int as deployment_id from healing.deployment_logs where source = 'github'`);
    expect(rows).toEqual([{ mission_id: m.id, kind: "deploy", environment: "production", commit_sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", status: "succeeded", source: "github", deployment_id: payload.deployment.id }]);
    expect((await events(m.id)).at(-1)).toMatchObject({ kind: "github.deployment_status" });
  });

  it("records a push to the default branch", async () => {
    const payload = example("push", (p) => p.ref === "refs/heads/master");
    const response = await deliver(handler, "push", payload);
    expect(response.json).toMatchObject({ ok: true, branch: "master" });
    const [event] = await sql.query<{ data: Record<string, unknown> }>(`select data from healing.healing_events where kind = 'github.push'`);
    expect(event!.data).toMatchObject({ ref: "refs/heads/master", after: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", commits: 1 });
  });

  it("ignores a repeated delivery id", async () => {
    const m = await mission("suture/abab7777-dup");
    const payload = example("pull_request", (p) => p.action === "closed");
    payload.pull_request.number = 77;
    payload.pull_request.head.ref = "suture/abab7777-dup";
    const first = await deliver(handler, "pull_request", payload, { id: "dup-delivery-1" });
    const again = await deliver(handler, "pull_request", payload, { id: "dup-delivery-1" });
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, json: { duplicate: true } });
    expect(await events(m.id)).toHaveLength(1);
  });

  it("answers 401 to a bad signature and records nothing", async () => {
    const before = (await events()).length;
    const payload = example("push");
    const wrong = await sign("not the secret", JSON.stringify(payload));
    const response = await deliver(handler, "push", payload, { signature: wrong });
    expect(response.status).toBe(401);
    expect(response.json.error).toMatch(/webhook secret/);
    expect((await deliver(handler, "push", payload, { signature: "sha1=abc" })).status).toBe(401);
    expect((await events()).length).toBe(before);
  });

  it("answers 400 with the reason to a malformed payload, without a stack trace", async () => {
    const payload = example("pull_request", (p) => p.action === "closed");
    delete payload.pull_request.head;
    const response = await deliver(handler, "pull_request", payload);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/invalid pull_request payload at pull_request\.head/);
    const broken = await deliver(handler, "push", null, { body: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.text).not.toMatch(/\s+at\s+\S+ \(/);
  });

  it("acknowledges unknown events and ignores them; answers ping; refuses GET", async () => {
    const star = await deliver(handler, "star", example("star"));
    expect(star).toMatchObject({ status: 202, json: { ignored: "event star is not used by Suture" } });
    expect((await deliver(handler, "ping", example("ping"))).status).toBe(200);
    const get = await handler(new Request("http://localhost/functions/v1/github-webhook"));
    expect(get.status).toBe(405);
  });

  it("ignores events from a repository no project uses", async () => {
    const payload = example("push");
    payload.repository.full_name = "someone/else";
    const response = await deliver(handler, "push", payload);
    expect(response.status).toBe(202);
    expect(response.json.ignored).toMatch(/no Suture project/);
  });

  it("moves the head of an open Suture pull request when its branch is pushed, and leaves closed ones alone", async () => {
    const m = await mission("suture/abab7777-pushed");
    await recordPullRequest(sql, { missionId: m.id, projectId, repo: REPO, number: 51, url: "u", headBranch: "suture/abab7777-pushed", headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", baseBranch: "master" });
    await sql.query(`update healing.pull_requests set checks_status = 'failure' where number = 51`);
    const closed = await mission("suture/abab8888-closed");
    await recordPullRequest(sql, { missionId: closed.id, projectId, repo: REPO, number: 52, url: "u", headBranch: "suture/abab8888-closed", headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", baseBranch: "master" });
    await sql.query(`update healing.pull_requests set state = 'closed' where number = 52`);
    const payload = example("push");
    payload.ref = "refs/heads/suture/abab7777-pushed";
    payload.deleted = false;
    const response = await deliver(handler, "push", payload);
    expect(response.json).toMatchObject({ ok: true, mission: m.id, branch: "suture/abab7777-pushed" });
    expect(await sql.query(`select head_sha, checks_status from healing.pull_requests where number = 51`)).toEqual([{ head_sha: payload.after, checks_status: "none" }]);
    expect((await events(m.id)).at(-1)).toMatchObject({ kind: "github.push", message: `suture/abab7777-pushed moved to ${payload.after.slice(0, 12)}.` });

    payload.ref = "refs/heads/suture/abab8888-closed";
    const ignored = await deliver(handler, "push", payload);
    expect(ignored.status).toBe(202);
    expect(ignored.json.ignored).toMatch(/no open Suture pull request/);
    expect(await sql.query(`select head_sha from healing.pull_requests where number = 52`)).toEqual([{ head_sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" }]);
  });
});
