import { z } from "zod";

// The environment an entry point hands to the core: read once from Deno.env or process.env,
// validated here, never read again deeper down.

const runtimeEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  SUPABASE_DB_URL: z.string().url().optional(),
  SUTURE_DATA_DIR: z.string().min(1).optional(),
  SUTURE_LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).optional(),
});

export interface RuntimeEnv {
  databaseUrl: string | null;
  dataDir: string | null;
  logLevel: "info" | "warn" | "error" | "silent";
}

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
  };
}

function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const keys = ["DATABASE_URL", "SUPABASE_DB_URL", "SUTURE_DATA_DIR", "SUTURE_LOG_LEVEL"];
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  return picked;
}
