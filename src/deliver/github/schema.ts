import { z } from "zod";

// The parts of GitHub's REST answers the forge acts on. Parsed permissively (GitHub adds fields
// all the time), then used strictly: a missing field we need is a clear error, not `undefined`.

export const commitSchema = z.object({
  sha: z.string(),
  message: z.string(),
  tree: z.object({ sha: z.string() }),
  parents: z.array(z.object({ sha: z.string() })),
});

export const repoCommitSchema = z.object({ sha: z.string() });

export const refSchema = z.object({
  ref: z.string(),
  object: z.object({ sha: z.string(), type: z.string() }),
});

export const treeSchema = z.object({
  sha: z.string(),
  truncated: z.boolean().optional().default(false),
  tree: z.array(
    z.object({
      path: z.string(),
      mode: z.string(),
      type: z.string(),
      sha: z.string().nullable(),
      size: z.number().optional(),
    }),
  ),
});

export const contentFileSchema = z.object({
  type: z.string(),
  sha: z.string(),
  size: z.number(),
  encoding: z.string().optional(),
  content: z.string().optional(),
});

export const blobSchema = z.object({
  sha: z.string(),
  size: z.number().nullable().optional(),
  encoding: z.string(),
  content: z.string(),
});

const labelSchema = z.union([z.string(), z.object({ name: z.string() })]);

export const pullSchema = z.object({
  number: z.number(),
  node_id: z.string().optional(),
  html_url: z.string(),
  state: z.enum(["open", "closed"]),
  title: z.string(),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional().default(false),
  merged: z.boolean().optional(),
  merged_at: z.string().nullable().optional(),
  merge_commit_sha: z.string().nullable().optional(),
  mergeable: z.boolean().nullable().optional(),
  mergeable_state: z.string().optional(),
  labels: z.array(labelSchema).optional().default([]),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string(), sha: z.string().optional() }),
});
export type GithubPull = z.infer<typeof pullSchema>;

export const checkRunSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable().optional(),
  started_at: z.string().nullable().optional(),
  completed_at: z.string().nullable().optional(),
  output: z
    .object({ title: z.string().nullable().optional(), summary: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type GithubCheckRun = z.infer<typeof checkRunSchema>;

export const checkRunsSchema = z.object({
  total_count: z.number(),
  check_runs: z.array(checkRunSchema),
});

export const commitStatusSchema = z.object({
  context: z.string(),
  state: z.string(),
  description: z.string().nullable().optional(),
  target_url: z.string().nullable().optional(),
});
export type GithubCommitStatus = z.infer<typeof commitStatusSchema>;

export const combinedStatusSchema = z.object({
  state: z.string(),
  statuses: z.array(commitStatusSchema),
  total_count: z.number().optional(),
});

export const reviewSchema = z.object({
  id: z.number(),
  state: z.string(),
  user: z.object({ login: z.string() }).nullable(),
  submitted_at: z.string().nullable().optional(),
});
export type GithubReview = z.infer<typeof reviewSchema>;

export const mergeResultSchema = z.object({ sha: z.string(), merged: z.boolean() });

export function labelName(label: z.infer<typeof labelSchema>): string {
  return typeof label === "string" ? label : label.name;
}
