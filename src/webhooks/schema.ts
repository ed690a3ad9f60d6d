import { z } from "zod";

// The fields of GitHub's webhook payloads the handler acts on, per event. Parsed permissively
// (GitHub adds fields; unknown ones pass through untouched), then acted on strictly. Strings that
// end up in the database or audit log are capped: payload text is attacker-influenced (PR bodies,
// branch names, check output).

const MAX_TEXT = 65_536;
const text = z.string().max(MAX_TEXT);
const name = z.string().max(1_024);
const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a commit id");

const repository = z.object({ full_name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/name").max(200) });
const user = z.object({ login: name }).nullable().optional();

const pullRequest = z.object({
  number: z.number().int().positive(),
  html_url: z.string().max(2_048).optional(),
  state: z.enum(["open", "closed"]),
  merged: z.boolean().nullable().optional(),
  merge_commit_sha: sha.nullable().optional(),
  body: text.nullable().optional(),
  head: z.object({ ref: name, sha }),
  base: z.object({ ref: name }),
});

export const pullRequestEventSchema = z.object({
  action: z.string().max(100),
  number: z.number().int().positive().optional(),
  pull_request: pullRequest,
  repository,
  sender: user,
});

export const pullRequestReviewEventSchema = z.object({
  action: z.string().max(100),
  review: z.object({
    id: z.number(),
    // GitHub sends lower case here ("approved", "changes_requested", "commented", "dismissed").
    state: z.string().max(50).transform((s) => s.toLowerCase()),
    user,
    commit_id: sha.nullable().optional(),
  }),
  pull_request: pullRequest.omit({ state: true }).extend({ state: z.string().max(20) }),
  repository,
});

const checkPullRequests = z.array(z.object({ number: z.number().int().positive() })).max(1_000).default([]);

export const checkRunEventSchema = z.object({
  action: z.string().max(100),
  check_run: z.object({
    id: z.number(),
    name,
    head_sha: sha,
    status: z.string().max(50),
    conclusion: z.string().max(50).nullable().optional(),
    output: z.object({ title: text.nullable().optional(), summary: text.nullable().optional() }).nullable().optional(),
    pull_requests: checkPullRequests,
  }),
  repository,
});

export const checkSuiteEventSchema = z.object({
  action: z.string().max(100),
  check_suite: z.object({
    id: z.number(),
    head_sha: sha,
    head_branch: name.nullable().optional(),
    status: z.string().max(50).nullable().optional(),
    conclusion: z.string().max(50).nullable().optional(),
    pull_requests: checkPullRequests,
  }),
  repository,
});

export const statusEventSchema = z.object({
  sha,
  context: name,
  state: z.enum(["pending", "success", "failure", "error"]),
  description: text.nullable().optional(),
  branches: z.array(z.object({ name })).max(1_000).default([]),
  repository,
});

export const deploymentStatusEventSchema = z.object({
  action: z.string().max(100),
  deployment_status: z.object({
    id: z.number(),
    state: z.string().max(50),
    description: text.nullable().optional(),
    environment: name.optional(),
    environment_url: z.string().max(2_048).nullable().optional(),
    created_at: z.string().max(50).optional(),
  }),
  deployment: z.object({ id: z.number(), sha, ref: name, environment: name }),
  repository,
});

export const pushEventSchema = z.object({
  ref: name,
  before: sha,
  after: sha,
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  commits: z.array(z.unknown()).max(10_000).default([]),
  pusher: z.object({ name: name.optional() }).optional(),
  repository,
});

export const pingEventSchema = z.object({ zen: z.string().max(500).optional(), hook_id: z.number().optional() });

export const GITHUB_EVENT_SCHEMAS = {
  pull_request: pullRequestEventSchema,
  pull_request_review: pullRequestReviewEventSchema,
  check_run: checkRunEventSchema,
  check_suite: checkSuiteEventSchema,
  status: statusEventSchema,
  deployment_status: deploymentStatusEventSchema,
  push: pushEventSchema,
  ping: pingEventSchema,
} as const;

export type GithubEventName = keyof typeof GITHUB_EVENT_SCHEMAS;

export function isHandledEvent(event: string): event is GithubEventName {
  return Object.hasOwn(GITHUB_EVENT_SCHEMAS, event);
}
