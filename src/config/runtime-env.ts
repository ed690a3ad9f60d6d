import { z } from "zod";

// The environment an entry point hands to the core: read once from Deno.env or process.env,
// validated here, never read again deeper down.

/** Shorter secrets are guessable; 16 characters is the floor, `openssl rand -hex 32` the advice. */
export const MIN_CRON_SECRET_LENGTH = 16;

const flag = z.enum(["1", "0", "true", "false"]).transform((value) => value === "1" || value === "true");

const runtimeEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  SUPABASE_DB_URL: z.string().url().optional(),
  SUTURE_DATA_DIR: z.string().min(1).optional(),
  SUTURE_LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).optional(),
  SUTURE_CRON_SECRET: z
    .string()
    .min(MIN_CRON_SECRET_LENGTH, `must be at least ${MIN_CRON_SECRET_LENGTH} characters (generate one with \`openssl rand -hex 32\`)`)
    .optional(),
  SUTURE_LOCAL_FORGE: flag.optional(),
  SUTURE_ALLOW_MERGE: flag.optional(),
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_API_URL: z.string().url().optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
});

export interface RuntimeEnv {
  databaseUrl: string | null;
  dataDir: string | null;
  logLevel: "info" | "warn" | "error" | "silent";
  /** Authenticates scheduled calls of the heal function; null means heal refuses every call. */
  cronSecret: string | null;
  /**
   * Projects whose `repo` is a directory on this machine are healed through the local git forge.
   * Only `suture dev` turns this on: the hosted edge runtime cannot start git.
   */
  localForge: boolean;
  /** Local forge only: merge fixes that policy allows (the `--merge` of `suture replay`). */
  allowMerge: boolean;
  /** Heals projects whose repo is `owner/name` through GitHub pull requests. */
  github: { token: string; apiUrl: string | null } | null;
  /** Claude for errors no pattern fixes; without it those go to a person. */
  anthropic: { apiKey: string; baseUrl: string | null } | null;
}

const KEYS = Object.keys(runtimeEnvSchema.shape) as Array<keyof typeof runtimeEnvSchema.shape>;

export function parseRuntimeEnv(env: Record<string, string | undefined>): RuntimeEnv {
  const result = runtimeEnvSchema.safeParse(pickDefined(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const parsed = result.data;
  return {
    databaseUrl: parsed.DATABASE_URL ?? parsed.SUPABASE_DB_URL ?? null,
    dataDir: parsed.SUTURE_DATA_DIR ?? null,
    logLevel: parsed.SUTURE_LOG_LEVEL ?? "warn",
    cronSecret: parsed.SUTURE_CRON_SECRET ?? null,
    localForge: parsed.SUTURE_LOCAL_FORGE ?? false,
    allowMerge: parsed.SUTURE_ALLOW_MERGE ?? false,
    github: parsed.GITHUB_TOKEN ? { token: parsed.GITHUB_TOKEN, apiUrl: parsed.GITHUB_API_URL ?? null } : null,
    anthropic: parsed.ANTHROPIC_API_KEY ? { apiKey: parsed.ANTHROPIC_API_KEY, baseUrl: parsed.ANTHROPIC_BASE_URL ?? null } : null,
  };
}

function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of KEYS) {
    const value = env[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  return picked;
}
