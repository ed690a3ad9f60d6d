import { HttpError, httpErrorResponse, jsonResponse } from "../core/http-response.ts";
import { BodyTooLargeError, readCappedStream, refuseDeclaredLength } from "../core/read-capped-body.ts";
import type { z } from "zod";
import { coerceError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { isRevertBranch } from "../deliver/branch-name.ts";
import { parseMissionMarker } from "../deliver/github/mission-marker.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { claimWebhookDelivery, isWebhookDeliverySeen } from "../store/github/claim-webhook-delivery.ts";
import { findMissionById } from "../store/github/find-mission-by-id.ts";
import { findMissionForPullRequest, type PullRequestMission } from "../store/github/find-mission-for-pull-request.ts";
import { findProjectByRepo, type RepoProject } from "../store/github/find-project-by-repo.ts";
import { recordGithubDeployment } from "../store/github/record-github-deployment.ts";
import { ensurePullRequestRow } from "../store/github/record-pull-request.ts";
import {
  type PullRequestFacts,
  updatePullRequestFacts,
  updatePullRequestFactsByBranch,
  updatePullRequestFactsByHead,
} from "../store/github/update-pull-request-from-webhook.ts";
import type { Sql } from "../store/sql.ts";
import { verifyGithubSignature } from "./github-signature.ts";
import {
  type checkRunEventSchema,
  type checkSuiteEventSchema,
  type deploymentStatusEventSchema,
  GITHUB_EVENT_SCHEMAS,
  type GithubEventName,
  isHandledEvent,
  type pullRequestEventSchema,
  type pullRequestReviewEventSchema,
  type pushEventSchema,
  type statusEventSchema,
} from "./schema.ts";

// GitHub's webhooks into Suture: verify, dedupe, map to a mission, record. It never runs the
// mission state machine: what it learns lands in healing.pull_requests (changed_at), in
// deployment_logs and in healing_events, and the next cycle tick acts on it.
//
// Answers: 401 bad signature; 400 bad headers or payload (with the reason); 413 over GitHub's own
// payload cap; 405 anything but POST; 202 unknown events and events about nothing of ours
// (acknowledged, ignored); 200 processed or a repeated delivery. Never a stack trace.

export interface GithubWebhookDeps {
  sql: Sql;
  secret: string;
  logger: Logger;
  now?: () => Date;
}

/** GitHub caps webhook payloads at 25 MB and drops larger ones itself. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
const DELIVERY_ID = /^[\w-]{1,100}$/;

interface Outcome {
  status: 200 | 202;
  body: Record<string, unknown>;
}

/** A delivery's event name with its payload, parsed once by that event's schema. */
type Delivery = { [E in GithubEventName]: { event: E; payload: z.infer<(typeof GITHUB_EVENT_SCHEMAS)[E]> } }[GithubEventName];
type RepositoryDelivery = Exclude<Delivery, { event: "ping" }>;

interface EventContext {
  tx: Sql;
  deliveryId: string;
  event: RepositoryDelivery["event"];
  at: Date;
  project: RepoProject;
  repo: string;
}

export function createGithubWebhookHandler(deps: GithubWebhookDeps): (request: Request) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  if (deps.secret.length === 0) throw new Error("The GitHub webhook secret is empty; set GITHUB_WEBHOOK_SECRET to the secret configured on the webhook.");

  return async function handleGithubWebhook(request: Request): Promise<Response> {
    try {
      if (request.method !== "POST") return jsonResponse(405, { error: "use POST" }, { allow: "POST" });
      const body = await readBody(request);
      // Signature first: nothing about an unsigned request is looked at, not even its event name.
      if (!verifyGithubSignature(deps.secret, body, request.headers.get("x-hub-signature-256"))) {
        return jsonResponse(401, { error: "signature mismatch: verify that the webhook secret matches the one configured on GitHub" });
      }
      const event = request.headers.get("x-github-event") ?? "";
      const deliveryId = request.headers.get("x-github-delivery") ?? "";
      if (!/^[a-z_]{1,64}$/.test(event)) throw new HttpError(400, "missing or malformed X-GitHub-Event header");
      if (!DELIVERY_ID.test(deliveryId)) throw new HttpError(400, "missing or malformed X-GitHub-Delivery header");
      if (!isHandledEvent(event)) return jsonResponse(202, { ignored: `event ${event} is not used by Suture` });

      const delivery = parseDelivery(event, body);
      if (delivery.event === "ping") return jsonResponse(200, { ok: true, event });
      const outcome = await processDelivery(delivery, deliveryId);
      return jsonResponse(outcome.status, outcome.body);
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      deps.logger.error("github webhook failed", { error: coerceError(error).message });
      // GitHub shows the status; a 500 makes the delivery visible as failed and redeliverable.
      return jsonResponse(500, { error: "internal error while recording the webhook; GitHub can redeliver it" });
    }
  };

  async function processDelivery(delivery: RepositoryDelivery, deliveryId: string): Promise<Outcome> {
    const { event } = delivery;
    const action = "action" in delivery.payload ? delivery.payload.action : null;
    const at = now();
    const repo = delivery.payload.repository.full_name.toLowerCase();
    const project = await findProjectByRepo(deps.sql, repo);
    if (!project) {
      // Not ours, but a redelivery should still be recognised as one.
      const fresh = await claimWebhookDelivery(deps.sql, { deliveryId, event, action, projectId: null, missionId: null, at });
      return fresh ? { status: 202, body: { ignored: `no Suture project for repository ${repo}` } } : duplicate(deliveryId);
    }
    if (await isWebhookDeliverySeen(deps.sql, deliveryId)) return duplicate(deliveryId);
    return deps.sql.transaction(async (tx) => {
      const ctx: EventContext = { tx, deliveryId, event, at, project, repo };
      const result = await dispatch(ctx, delivery);
      // Claimed in the same transaction: a failure above leaves the delivery unrecorded, so
      // GitHub's redelivery is processed; a concurrent copy of it loses the insert and rolls back.
      const fresh = await claimWebhookDelivery(tx, { deliveryId, event, action, projectId: project.id, missionId: result.missionId, at });
      if (!fresh) throw new DuplicateDelivery();
      return result.outcome;
    }).catch((error: unknown) => {
      if (error instanceof DuplicateDelivery) return duplicate(deliveryId);
      throw error;
    });
  }

  async function dispatch(ctx: EventContext, delivery: RepositoryDelivery): Promise<{ outcome: Outcome; missionId: string | null }> {
    switch (delivery.event) {
      case "pull_request":
        return onPullRequest(ctx, delivery.payload);
      case "pull_request_review":
        return onPullRequestReview(ctx, delivery.payload);
      case "check_run":
        return onCheckRun(ctx, delivery.payload);
      case "check_suite":
        return onCheckSuite(ctx, delivery.payload);
      case "status":
        return onStatus(ctx, delivery.payload);
      case "deployment_status":
        return onDeploymentStatus(ctx, delivery.payload);
      case "push":
        return onPush(ctx, delivery.payload);
    }
  }

  async function missionFor(
    ctx: EventContext,
    pull: { number: number; html_url?: string; body?: string | null; head: { ref: string; sha: string }; base: { ref: string } },
  ): Promise<PullRequestMission | null> {
    const mission = await findMissionForPullRequest(ctx.tx, {
      projectId: ctx.project.id,
      repo: ctx.repo,
      number: pull.number,
      marker: parseMissionMarker(pull.body),
      branch: pull.head.ref,
    });
    if (mission) {
      await ensurePullRequestRow(ctx.tx, {
        missionId: mission.id,
        projectId: ctx.project.id,
        kind: isRevertBranch(pull.head.ref) ? "revert" : "fix",
        repo: ctx.repo,
        number: pull.number,
        url: pull.html_url ?? "",
        headBranch: pull.head.ref,
        headSha: pull.head.sha,
        baseBranch: pull.base.ref,
      });
    }
    return mission;
  }

  async function onPullRequest(ctx: EventContext, payload: z.infer<typeof pullRequestEventSchema>) {
    const pull = payload.pull_request;
    const mission = await missionFor(ctx, pull);
    if (!mission) return notOurs(`#${pull.number} is not a Suture pull request`);
    const facts: PullRequestFacts = { headSha: pull.head.sha };
    let message: string;
    if (payload.action === "closed") {
      const merged = pull.merged === true;
      facts.state = merged ? "merged" : "closed";
      facts.mergeCommit = merged ? (pull.merge_commit_sha ?? null) : null;
      message = merged
        ? `Pull request #${pull.number} was merged${pull.merge_commit_sha ? ` as ${pull.merge_commit_sha.slice(0, 12)}` : ""}.`
        : `Pull request #${pull.number} was closed without merging.`;
    } else if (payload.action === "reopened") {
      facts.state = "open";
      message = `Pull request #${pull.number} was reopened.`;
    } else if (payload.action === "synchronize") {
      facts.checksStatus = "none";
      message = `Pull request #${pull.number} has a new head commit ${pull.head.sha.slice(0, 12)}.`;
    } else {
      return notOurs(`pull_request.${payload.action} needs nothing from Suture`, mission.id);
    }
    await updatePullRequestFacts(ctx.tx, { repo: ctx.repo, number: pull.number }, facts, ctx.at);
    await audit(ctx, mission, `pull_request.${payload.action}`, message, {
      number: pull.number,
      action: payload.action,
      merged: pull.merged === true,
      mergeCommit: facts.mergeCommit ?? null,
      headSha: pull.head.sha,
      by: payload.sender?.login ?? null,
    });
    return recorded(mission.id, { pullRequest: pull.number, state: facts.state ?? "open" });
  }

  async function onPullRequestReview(ctx: EventContext, payload: z.infer<typeof pullRequestReviewEventSchema>) {
    const pull = payload.pull_request;
    const mission = await missionFor(ctx, pull);
    if (!mission) return notOurs(`#${pull.number} is not a Suture pull request`);
    const state = payload.action === "dismissed" ? "dismissed" : payload.review.state;
    if (state !== "approved" && state !== "changes_requested" && state !== "commented" && state !== "dismissed") {
      return notOurs(`review state ${state} needs nothing from Suture`, mission.id);
    }
    const by = payload.review.user?.login ?? "unknown";
    await updatePullRequestFacts(ctx.tx, { repo: ctx.repo, number: pull.number }, { reviewState: state, reviewedBy: by }, ctx.at);
    const words = { approved: "approved", changes_requested: "requested changes on", commented: "commented on", dismissed: "had a review dismissed on" }[state];
    await audit(ctx, mission, "pull_request_review", `${by} ${words} #${pull.number}.`, { number: pull.number, state, by, commit: payload.review.commit_id ?? null });
    return recorded(mission.id, { pullRequest: pull.number, review: state });
  }

  async function onCheckRun(ctx: EventContext, payload: z.infer<typeof checkRunEventSchema>) {
    const run = payload.check_run;
    const status = run.status === "completed" ? checkConclusion(run.conclusion) : "pending";
    const summary = status === "failure" ? `${run.name}: ${run.output?.title || run.output?.summary || `concluded ${run.conclusion}`}`.slice(0, 1_000) : null;
    return checksChanged(ctx, run.head_sha, run.pull_requests.map((p) => p.number), status, summary, {
      check: run.name,
      runStatus: run.status,
      conclusion: run.conclusion ?? null,
    });
  }

  async function onCheckSuite(ctx: EventContext, payload: z.infer<typeof checkSuiteEventSchema>) {
    const suite = payload.check_suite;
    const status = suite.status === "completed" ? checkConclusion(suite.conclusion) : "pending";
    return checksChanged(ctx, suite.head_sha, suite.pull_requests.map((p) => p.number), status, status === "failure" ? `check suite concluded ${suite.conclusion}` : null, {
      suite: suite.id,
      suiteStatus: suite.status ?? null,
      conclusion: suite.conclusion ?? null,
    });
  }

  async function onStatus(ctx: EventContext, payload: z.infer<typeof statusEventSchema>) {
    const status = payload.state === "success" ? "success" : payload.state === "pending" ? "pending" : "failure";
    const summary = status === "failure" ? `${payload.context}: ${payload.description || payload.state}`.slice(0, 1_000) : null;
    return checksChanged(ctx, payload.sha, [], status, summary, { context: payload.context, state: payload.state });
  }

  /**
   * One check's news for the pull requests whose head it ran on. A success of one check does not
   * make the whole head green, so it only marks the row changed; failures and pending are facts.
   */
  async function checksChanged(
    ctx: EventContext,
    headSha: string,
    numbers: number[],
    status: "pending" | "success" | "failure",
    summary: string | null,
    data: Record<string, unknown>,
  ) {
    const facts: PullRequestFacts = status === "failure" ? { checksStatus: "failure", checksSummary: summary } : status === "pending" ? { checksStatus: "pending" } : {};
    const missions = new Set(await updatePullRequestFactsByHead(ctx.tx, { repo: ctx.repo, headSha }, facts, ctx.at));
    for (const number of numbers) {
      for (const id of await updatePullRequestFacts(ctx.tx, { repo: ctx.repo, number }, facts, ctx.at)) missions.add(id);
    }
    if (missions.size === 0) return notOurs(`no Suture pull request has head ${headSha.slice(0, 12)}`);
    for (const missionId of missions) {
      const mission = await findMissionById(ctx.tx, missionId);
      if (mission) await audit(ctx, mission, ctx.event, `${ctx.event} on ${headSha.slice(0, 12)}: ${status}.`, { headSha, status, summary, ...data });
    }
    const [first] = missions;
    return recorded(first ?? null, { checks: status, missions: [...missions] });
  }

  async function onDeploymentStatus(ctx: EventContext, payload: z.infer<typeof deploymentStatusEventSchema>) {
    const { deployment, deployment_status: status } = payload;
    const environment = status.environment || deployment.environment;
    const result = await recordGithubDeployment(ctx.tx, {
      projectId: ctx.project.id,
      deliveryId: ctx.deliveryId,
      deploymentId: deployment.id,
      environment,
      commit: deployment.sha,
      state: status.state,
      environmentUrl: status.environment_url || null,
      description: status.description ?? null,
      at: ctx.at,
    });
    const mission = result.missionId ? await findMissionById(ctx.tx, result.missionId) : null;
    await recordHealingEvent(ctx.tx, {
      projectId: ctx.project.id,
      traceId: mission?.trace_id ?? null,
      missionId: mission?.id ?? null,
      kind: "github.deployment_status",
      message: `Deployment of ${deployment.sha.slice(0, 12)} to ${environment}: ${status.state}.`,
      data: { deliveryId: ctx.deliveryId, deployment: deployment.id, environment, commit: deployment.sha, state: status.state, recorded: result.recorded },
      at: ctx.at,
    });
    return recorded(mission?.id ?? null, { deployment: deployment.id, state: status.state, mission: mission?.id ?? null });
  }

  async function onPush(ctx: EventContext, payload: z.infer<typeof pushEventSchema>) {
    const branch = payload.ref.startsWith("refs/heads/") ? payload.ref.slice("refs/heads/".length) : null;
    if (branch === null) return notOurs(`${payload.ref} is not a branch`);
    const data = { ref: payload.ref, before: payload.before, after: payload.after, commits: payload.commits.length, forced: payload.forced ?? false, deleted: payload.deleted ?? false, pusher: payload.pusher?.name ?? null };
    if (branch === ctx.project.default_branch) {
      // The monitor correlates errors with what reached the default branch.
      await recordHealingEvent(ctx.tx, {
        projectId: ctx.project.id,
        kind: "github.push",
        message: `${payload.commits.length} commit(s) pushed to ${branch}, now at ${payload.after.slice(0, 12)}.`,
        data: { deliveryId: ctx.deliveryId, ...data },
        at: ctx.at,
      });
      return recorded(null, { branch });
    }
    if (!branch.startsWith("suture/")) return notOurs(`${branch} is neither the default branch nor a Suture branch`);
    // Someone (or Suture itself) moved a fix branch: the pull request's head changed.
    const missions = payload.deleted
      ? []
      : await updatePullRequestFactsByBranch(ctx.tx, { repo: ctx.repo, branch }, { headSha: payload.after, checksStatus: "none" }, ctx.at);
    if (missions.length === 0) return notOurs(`no open Suture pull request for ${branch}`);
    for (const missionId of missions) {
      const mission = await findMissionById(ctx.tx, missionId);
      if (mission) await audit(ctx, mission, "push", `${branch} moved to ${payload.after.slice(0, 12)}.`, data);
    }
    return recorded(missions[0]!, { branch });
  }

  async function audit(ctx: EventContext, mission: PullRequestMission, what: string, message: string, data: Record<string, unknown>): Promise<void> {
    await recordHealingEvent(ctx.tx, {
      projectId: mission.project_id,
      traceId: mission.trace_id,
      missionId: mission.id,
      kind: `github.${what.split(".")[0]}`,
      message,
      data: { deliveryId: ctx.deliveryId, event: ctx.event, ...data },
      at: ctx.at,
    });
  }
}

class DuplicateDelivery extends Error {}

function parseDelivery(event: GithubEventName, body: Uint8Array): Delivery {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new HttpError(400, "the body is not UTF-8 JSON; configure the webhook with content type application/json");
  }
  const result = GITHUB_EVENT_SCHEMAS[event].safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new HttpError(400, `invalid ${event} payload at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  // The payload was parsed by the schema of this very event.
  return { event, payload: result.data } as Delivery;
}

async function readBody(request: Request): Promise<Uint8Array> {
  try {
    refuseDeclaredLength(request, MAX_WEBHOOK_BYTES);
    return await readCappedStream(request.body, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpError(413, `${error.message}; GitHub never sends more`);
    throw error;
  }
}

function checkConclusion(conclusion: string | null | undefined): "success" | "failure" {
  return conclusion === "success" || conclusion === "neutral" || conclusion === "skipped" ? "success" : "failure";
}

function recorded(missionId: string | null, body: Record<string, unknown>): { outcome: Outcome; missionId: string | null } {
  return { outcome: { status: 200, body: { ok: true, mission: missionId, ...body } }, missionId };
}

function notOurs(reason: string, missionId: string | null = null): { outcome: Outcome; missionId: string | null } {
  return { outcome: { status: 202, body: { ignored: reason } }, missionId };
}

function duplicate(deliveryId: string): Outcome {
  return { status: 200, body: { duplicate: true, delivery: deliveryId } };
}
