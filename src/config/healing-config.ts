import { z } from "zod";

// Per-project healing settings, stored as jsonb in healing.system_config.settings and parsed here
// on every read. Every field has a default, so `{}` is a complete configuration and
// a project only stores what it changes. Unknown keys are dropped (a newer writer may know more
// keys than this reader, and options no code reads are not offered); `unknownSettingsKeys` lets a
// CLI warn about typos.

export type AutonomyLevel = 0 | 1 | 2 | 3;

export interface HealingSettings {
  /** 0 observe only, 1 propose only, 2 auto-apply P2–P4, 3 auto-apply P1–P4 (P0 always asks). */
  autonomyLevel: AutonomyLevel;
  thresholds: { autoApply: number; pullRequest: number };
  limits: {
    fixesPerHour: number;
    openFixes: number;
    maxChangedLines: number;
    maxFiles: number;
    maxAttempts: number;
  };
  protectedPaths: string[];
  detection: {
    newGroupMinEvents: number;
    spikeWindowMinutes: number;
    baselineWindows: number;
    spikeMinEvents: number;
    spikeZ: number;
  };
  watch: {
    productionMinutes: number;
    errorRateIncrease: number;
  };
  ingest: { eventsPerMinute: number; maxBodyBytes: number; requestSamplesPerRoute: number };
  testCommand: string | null;
  /** GitHub logins asked to review each new Suture pull request. */
  reviewers: string[];
  /** Claude for what the patterns cannot fix (used only when ANTHROPIC_API_KEY is set). */
  model: ModelSettings;
}

/** USD per million tokens of one model; `model` matches the id or its dated snapshots (`<id>-2026…`). */
export interface ModelPrice {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheWritePerMTok: number;
  cacheReadPerMTok: number;
}

export interface ModelSettings {
  id: string;
  maxTokens: number;
  temperature: number | null;
  missionTokenBudget: number;
  dailyTokenBudget: number;
  requestTimeoutMs: number;
  pricing: ModelPrice[];
}

/** Paths a fix may touch only through a person's review. */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = [
  "supabase/migrations/**",
  "**/billing/**",
  "**/payments/**",
  "**/webhooks/**",
  ".env*",
  "vercel.json",
  "package.json",
];

const MIB = 1024 * 1024;

const count = (min: number) => z.number().int().min(min);
const share = () => z.number().min(0).max(1);

const thresholdsSchema = z
  .object({
    autoApply: share().default(0.95),
    pullRequest: share().default(0.85),
  })
  .refine((t) => t.pullRequest <= t.autoApply, {
    message: "pullRequest must not exceed autoApply (a fix good enough to apply is good enough to propose)",
    path: ["pullRequest"],
  });

const limitsSchema = z.object({
  fixesPerHour: count(0).default(5),
  openFixes: count(0).default(10),
  maxChangedLines: count(1).default(30),
  maxFiles: count(1).default(3),
  maxAttempts: count(1).default(3),
});

const detectionSchema = z.object({
  newGroupMinEvents: count(1).default(3),
  spikeWindowMinutes: count(1).default(60),
  baselineWindows: count(2).default(24),
  spikeMinEvents: count(1).default(5),
  // 3.5 is Iglewicz & Hoaglin's cut-off for the MAD-based modified z-score; the Poisson test uses
  // the same figure as a one-sided normal tail (p ≈ 2.3e-4), so one knob sets both.
  spikeZ: z.number().positive().default(3.5),
});

const watchSchema = z.object({
  productionMinutes: count(1).default(30),
  errorRateIncrease: z.number().positive().default(0.5),
});

/** Successful requests kept per route and method, for reproduction to learn a good answer's shape. */
export const DEFAULT_REQUEST_SAMPLES_PER_ROUTE = 5;

const ingestSchema = z.object({
  eventsPerMinute: count(1).default(6000),
  maxBodyBytes: count(1).default(MIB),
  // Each sample is a slot the ingest statement walks per written route: keep the number small.
  requestSamplesPerRoute: count(0).max(50).default(DEFAULT_REQUEST_SAMPLES_PER_ROUTE),
});

// Published list prices (USD per million tokens, 5-minute cache writes) when this was written;
// a project overrides them with its own contract prices.
const DEFAULT_MODEL_PRICING: readonly ModelPrice[] = [
  { model: "claude-sonnet-5-5", inputPerMTok: 2, outputPerMTok: 10, cacheWritePerMTok: 2.5, cacheReadPerMTok: 0.2 },
  { model: "claude-sonnet-4-6", inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 3.75, cacheReadPerMTok: 0.3 },
  { model: "claude-haiku-4-5", inputPerMTok: 1, outputPerMTok: 5, cacheWritePerMTok: 1.25, cacheReadPerMTok: 0.1 },
];

const priceSchema = z.object({
  model: z.string().min(1),
  inputPerMTok: z.number().min(0),
  outputPerMTok: z.number().min(0),
  cacheWritePerMTok: z.number().min(0),
  cacheReadPerMTok: z.number().min(0),
});

const modelSchema = z.object({
  id: z.string().min(1).default("claude-sonnet-5-5"),
  maxTokens: count(256).max(64_000).default(4096),
  temperature: z.number().min(0).max(1).nullable().default(null),
  // Three attempts of a ~15k-token context plus answers fit with room to spare.
  missionTokenBudget: count(1).default(150_000),
  dailyTokenBudget: count(1).default(2_000_000),
  // Edge functions get about 150 s of wall time; one call must leave room for the rest of a step.
  requestTimeoutMs: count(1000).default(60_000),
  pricing: z.array(priceSchema).default(() => DEFAULT_MODEL_PRICING.map((price) => ({ ...price }))),
});

// `prefault({})` (not `default`) so a missing section is parsed, which fills its own defaults.
export const healingSettingsSchema: z.ZodType<HealingSettings> = z.object({
  autonomyLevel: z.literal([0, 1, 2, 3]).default(1),
  thresholds: thresholdsSchema.prefault({}),
  limits: limitsSchema.prefault({}),
  protectedPaths: z.array(z.string().min(1)).default(() => [...DEFAULT_PROTECTED_PATHS]),
  detection: detectionSchema.prefault({}),
  watch: watchSchema.prefault({}),
  ingest: ingestSchema.prefault({}),
  testCommand: z.string().min(1).nullable().default(null),
  reviewers: z.array(z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "a GitHub login")).max(15).default([]),
  model: modelSchema.prefault({}),
});

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  autonomyLevel:
    "How far Suture acts alone: 0 observes only (no fixes), 1 proposes pull requests, 2 auto-applies fixes for P2–P4 incidents, 3 auto-applies for P1–P4. P0 incidents always ask a person.",
  "thresholds.autoApply":
    "Minimum fix confidence (0–1) to apply a fix without review, when the autonomy level and severity allow it.",
  "thresholds.pullRequest":
    "Minimum fix confidence (0–1) to open a pull request; below it the incident is flagged for a person.",
  "limits.fixesPerHour": "Most fixes delivered per project per hour; past it a fix is not delivered and is left for a person.",
  "limits.openFixes": "Most fixes open at once (proposed, applied or watched) per project.",
  "limits.maxChangedLines": "Most changed lines (added plus removed) a fix may contain.",
  "limits.maxFiles": "Most files a fix may change.",
  "limits.maxAttempts": "Fix attempts per incident (each retry uses the last validation's feedback) before a person is asked.",
  protectedPaths:
    "Globs of paths a fix may change only through a reviewed pull request (never auto-applied). A glob without '/' matches a file name at any depth.",
  "detection.newGroupMinEvents": "Events a new error group needs before it becomes an incident.",
  "detection.spikeWindowMinutes": "Length of the window in which a group's event count is compared with its baseline.",
  "detection.baselineWindows": "Previous windows that form a group's own baseline for spike detection.",
  "detection.spikeMinEvents": "Fewest events in the current window for a spike, so 0 → 1 is never one.",
  "detection.spikeZ":
    "How surprising a window must be to count as a spike: the robust (median/MAD) z-score, or the equivalent one-sided Poisson tail probability.",
  "watch.productionMinutes": "Minutes a production deployment of a fix is watched before it is judged.",
  "watch.errorRateIncrease": "Relative error-rate increase during the watch (0.5 = +50 %) that rolls a fix back.",
  "ingest.eventsPerMinute": "Events accepted per project per minute; more are answered 429 with Retry-After.",
  "ingest.maxBodyBytes": "Largest accepted ingest request body in bytes; larger ones are answered 413.",
  "ingest.requestSamplesPerRoute":
    "Successful (2xx) request-only events kept per route and method, newest first, with their URL, headers and body: reproduction replays them to learn the shape of a good answer. 0 keeps none.",
  "model.id": "Anthropic model id used to diagnose and fix errors no pattern handles (needs ANTHROPIC_API_KEY; without it those errors go to a person).",
  "model.maxTokens": "Most tokens the model may write in one answer (diagnosis plus edits plus a regression test).",
  "model.temperature":
    "Sampling temperature for model backends that accept one; null leaves it to the backend. The Anthropic Messages API (version 2026-10-21) rejects sampling parameters, so the Anthropic adapter never sends it.",
  "model.missionTokenBudget": "Most tokens (input, cache and output) one mission may spend on model calls over all its attempts; a call estimated to exceed it is not sent.",
  "model.dailyTokenBudget": "Most model tokens a project may spend per UTC day; at the limit model calls stop until the next day and missions say so.",
  "model.requestTimeoutMs": "Longest one model request may take before it is retried (within the cycle's deadline).",
  "model.pricing": "USD per million tokens per model (input, output, cache write, cache read), used to record each mission's model cost; an id also matches its dated snapshots.",
  testCommand: "Command that validates a fix in its worktree (for example `npm test`); null skips validation, which also rules out auto-apply.",
  reviewers: "GitHub logins asked to review each new Suture pull request (GitHub projects only).",
};

function leafPaths(value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return Object.keys(value).flatMap((key) => leafPaths((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key));
}

function valueAt(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
}

function buildRegistry(): ReadonlyArray<{ path: string; default: unknown; description: string }> {
  const defaults = healingSettingsSchema.parse({});
  return Object.freeze(
    leafPaths(defaults, "").map((path) =>
      Object.freeze({ path, default: valueAt(defaults, path), description: DESCRIPTIONS[path] ?? "" }),
    ),
  );
}

/** Every option with its default and a description, in schema order (docs are generated from it). */
export const settingsRegistry: ReadonlyArray<{ path: string; default: unknown; description: string }> = buildRegistry();

export class SettingsError extends Error {
  readonly code = "INVALID_SETTINGS";
  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`Invalid healing settings: ${problems.join("; ")}. Fix these keys in healing.system_config.settings.`, options);
    this.name = "SettingsError";
  }
}

/** Parse stored settings; throws SettingsError whose problems name each offending path. */
export function parseSettings(raw: unknown): HealingSettings {
  const result = healingSettingsSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".") || "(settings)";
    return `${path}: ${issue.message.replace(/^Invalid input: /, "")}`;
  });
  throw new SettingsError(problems, { cause: result.error });
}

/** Keys in raw settings that no option reads (likely typos), as dotted paths. */
export function unknownSettingsKeys(raw: unknown): string[] {
  const known = new Set(settingsRegistry.map((entry) => entry.path));
  const sections = new Set(settingsRegistry.filter((e) => e.path.includes(".")).map((e) => e.path.split(".")[0]));
  const unknown: string[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return unknown;
  for (const [key, value] of Object.entries(raw)) {
    if (sections.has(key)) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
      for (const inner of Object.keys(value)) if (!known.has(`${key}.${inner}`)) unknown.push(`${key}.${inner}`);
      continue;
    }
    if (!known.has(key)) unknown.push(key);
  }
  return unknown;
}

/** The registry as a Markdown table, for docs (a docs test can compare it with the committed page). */
export function settingsMarkdownTable(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = settingsRegistry.map(
    (entry) => `| \`${entry.path}\` | \`${cell(JSON.stringify(entry.default))}\` | ${cell(entry.description)} |`,
  );
  return ["| Option | Default | Description |", "| --- | --- | --- |", ...rows].join("\n");
}
