import { describe, expect, it } from "vitest";
import { parseRuntimeEnv } from "../../src/config/runtime-env.ts";

describe("parseRuntimeEnv", () => {
  it("defaults to no secret, no local forge and no merging", () => {
    expect(parseRuntimeEnv({})).toEqual({
      databaseUrl: null,
      dataDir: null,
      logLevel: "warn",
      cronSecret: null,
      localForge: false,
      allowMerge: false,
      github: null,
      anthropic: null,
    });
  });

  it("reads the GitHub token and the Anthropic key when given", () => {
    const env = parseRuntimeEnv({ GITHUB_TOKEN: "ghs_x", ANTHROPIC_API_KEY: "sk-ant-x", ANTHROPIC_BASE_URL: "http://127.0.0.1:9/" });
    expect(env.github).toEqual({ token: "ghs_x", apiUrl: null });
    expect(env.anthropic).toEqual({ apiKey: "sk-ant-x", baseUrl: "http://127.0.0.1:9/" });
    expect(() => parseRuntimeEnv({ GITHUB_API_URL: "not a url" })).toThrow(/GITHUB_API_URL/);
  });

  it("reads the cron secret and the local forge switches", () => {
    const env = parseRuntimeEnv({
      SUPABASE_DB_URL: "postgres://postgres@db:5432/postgres",
      SUTURE_CRON_SECRET: "0123456789abcdef",
      SUTURE_LOCAL_FORGE: "true",
      SUTURE_ALLOW_MERGE: "0",
    });
    expect(env).toMatchObject({ databaseUrl: "postgres://postgres@db:5432/postgres", cronSecret: "0123456789abcdef", localForge: true, allowMerge: false });
  });

  it("treats an empty variable as unset", () => {
    expect(parseRuntimeEnv({ SUTURE_CRON_SECRET: "", SUTURE_LOCAL_FORGE: "" })).toMatchObject({ cronSecret: null, localForge: false });
  });

  it("refuses a cron secret too short to be safe, saying how to make one", () => {
    expect(() => parseRuntimeEnv({ SUTURE_CRON_SECRET: "hunter2" })).toThrow(
      "environment variable SUTURE_CRON_SECRET: must be at least 16 characters (generate one with `openssl rand -hex 32`)",
    );
  });

  it("refuses a switch that is not a yes or a no", () => {
    expect(() => parseRuntimeEnv({ SUTURE_ALLOW_MERGE: "maybe" })).toThrow(/SUTURE_ALLOW_MERGE/);
  });
});
