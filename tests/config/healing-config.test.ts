import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROTECTED_PATHS,
  healingSettingsSchema,
  parseSettings,
  SettingsError,
  settingsMarkdownTable,
  settingsRegistry,
  unknownSettingsKeys,
} from "../../src/config/healing-config.ts";

function problemsOf(raw: unknown): string[] {
  try {
    parseSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).code).toBe("INVALID_SETTINGS");
    return (error as SettingsError).problems;
  }
  throw new Error("expected the settings to be rejected");
}

describe("healing settings", () => {
  it("fills every default from DESIGN.md when nothing is stored", () => {
    expect(healingSettingsSchema.parse({})).toEqual({
      autonomyLevel: 1,
      thresholds: { autoApply: 0.95, pullRequest: 0.85 },
      limits: { fixesPerHour: 5, openFixes: 10, maxChangedLines: 30, maxFiles: 3, maxAttempts: 3 },
      protectedPaths: [
        "supabase/migrations/**",
        "**/billing/**",
        "**/payments/**",
        "**/webhooks/**",
        ".env*",
        "vercel.json",
        "package.json",
      ],
      detection: { newGroupMinEvents: 3, spikeWindowMinutes: 60, baselineWindows: 24, spikeMinEvents: 5, spikeZ: 3.5 },
      watch: { productionMinutes: 30, errorRateIncrease: 0.5 },
      ingest: { eventsPerMinute: 6000, maxBodyBytes: 1048576, requestSamplesPerRoute: 5 },
      testCommand: null,
      reviewers: [],
      model: expect.objectContaining({ id: "claude-sonnet-5-5", maxTokens: 4096, temperature: null, missionTokenBudget: 150_000, dailyTokenBudget: 2_000_000 }),
    });
  });

  it("treats a null jsonb value as no settings", () => {
    expect(parseSettings(null).autonomyLevel).toBe(1);
    expect(parseSettings(undefined).limits.maxFiles).toBe(3);
  });

  it("keeps the defaults of a section's other keys when one key is set", () => {
    const settings = parseSettings({ limits: { fixesPerHour: 2 }, autonomyLevel: 3, testCommand: "npm test" });
    expect(settings.limits).toEqual({
      fixesPerHour: 2,
      openFixes: 10,
      maxChangedLines: 30,
      maxFiles: 3,
      maxAttempts: 3,
    });
    expect(settings.autonomyLevel).toBe(3);
    expect(settings.testCommand).toBe("npm test");
    expect(settings.thresholds.autoApply).toBe(0.95);
  });

  it("does not share the default protected paths between parses", () => {
    const first = parseSettings({});
    first.protectedPaths.push("src/**");
    expect(parseSettings({}).protectedPaths).toEqual([...DEFAULT_PROTECTED_PATHS]);
  });

  it("names the offending path in each error", () => {
    expect(problemsOf({ limits: { fixesPerHour: "5" } })).toEqual(["limits.fixesPerHour: expected number, received string"]);
  });

  it.each([
    [{ autonomyLevel: 4 }, "autonomyLevel:"],
    [{ autonomyLevel: "1" }, "autonomyLevel:"],
    [{ thresholds: { autoApply: 1.2 } }, "thresholds.autoApply:"],
    [{ thresholds: { autoApply: 0.8 } }, "thresholds.pullRequest: pullRequest must not exceed autoApply"],
    [{ limits: { maxFiles: 0 } }, "limits.maxFiles:"],
    [{ limits: { maxChangedLines: 2.5 } }, "limits.maxChangedLines:"],
    [{ detection: { baselineWindows: 1 } }, "detection.baselineWindows:"],
    [{ detection: { spikeZ: -1 } }, "detection.spikeZ:"],
    [{ ingest: { requestSamplesPerRoute: -1 } }, "ingest.requestSamplesPerRoute:"],
    [{ ingest: { requestSamplesPerRoute: 51 } }, "ingest.requestSamplesPerRoute:"],
    [{ protectedPaths: "package.json" }, "protectedPaths:"],
    [{ protectedPaths: [""] }, "protectedPaths.0:"],
    [{ testCommand: "" }, "testCommand:"],
    [[], "(settings):"],
  ])("rejects %j", (raw, expected) => {
    const problems = problemsOf(raw);
    expect(problems.some((problem) => problem.startsWith(expected))).toBe(true);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ autonomyLevel: 9, limits: { openFixes: -1 } })).toHaveLength(2);
  });

  it("lists keys no option reads, so typos can be reported", () => {
    expect(unknownSettingsKeys({ autonomylevel: 2, limits: { fixesPerHour: 1, fixesPerHours: 2 }, testCommand: null })).toEqual([
      "autonomylevel",
      "limits.fixesPerHours",
    ]);
    expect(unknownSettingsKeys(parseSettings({}))).toEqual([]);
  });
});

describe("settings registry", () => {
  function leafPaths(value: unknown, prefix = ""): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
    return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key));
  }

  it("lists exactly the options the schema has, with their defaults", () => {
    const defaults = parseSettings({});
    const paths = leafPaths(defaults);
    expect(settingsRegistry.map((entry) => entry.path)).toEqual(paths);
    for (const entry of settingsRegistry) {
      const value = entry.path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], defaults);
      expect(entry.default).toEqual(value);
    }
  });

  it("names no option that no code reads: every option's key is used outside the settings module", () => {
    const sources = (readdirSync("src", { recursive: true }) as string[])
      .filter((path) => path.endsWith(".ts") && path !== join("config", "healing-config.ts"))
      .map((path) => readFileSync(join("src", path), "utf8"))
      .join("\n");
    const unread = settingsRegistry.map((entry) => entry.path).filter((path) => !new RegExp(`\\b${path.split(".").at(-1)}\\b`).test(sources));
    expect(unread).toEqual([]);
  });

  it("ignores options that are not implemented, so configs that stored them still parse", () => {
    const stored = { limits: { fixesPerHour: 2, deploymentsPerDay: 3 }, watch: { stagingMinutes: 5, productionMinutes: 20, maxFailedHealthChecks: 1 } };
    const settings = parseSettings(stored);
    expect(settings.limits).not.toHaveProperty("deploymentsPerDay");
    expect(settings.limits.fixesPerHour).toBe(2);
    expect(settings.watch).toEqual({ productionMinutes: 20, errorRateIncrease: 0.5 });
    expect(unknownSettingsKeys(stored)).toEqual(["limits.deploymentsPerDay", "watch.stagingMinutes", "watch.maxFailedHealthChecks"]);
  });

  it("describes every option in a sentence", () => {
    for (const entry of settingsRegistry) {
      expect(entry.description.length, entry.path).toBeGreaterThan(20);
    }
  });

  it("holds 28 options, each documented once", () => {
    expect(settingsRegistry).toHaveLength(28);
    expect(new Set(settingsRegistry.map((entry) => entry.path)).size).toBe(28);
  });

  it("renders a Markdown table with one row per option", () => {
    const table = settingsMarkdownTable().split("\n");
    expect(table).toHaveLength(2 + 28);
    expect(table[0]).toBe("| Option | Default | Description |");
    expect(table).toContain(
      "| `limits.fixesPerHour` | `5` | Most fixes delivered per project per hour; past it a fix is not delivered and is left for a person. |",
    );
    expect(table.find((row) => row.startsWith("| `protectedPaths`"))).toContain('"supabase/migrations/**"');
  });
});

describe("reviewers", () => {
  it("takes GitHub logins and names a bad one by its path", () => {
    expect(parseSettings({ reviewers: ["alice", "ops-team"] }).reviewers).toEqual(["alice", "ops-team"]);
    expect(() => parseSettings({ reviewers: ["not a login"] })).toThrow(/reviewers\.0/);
  });
});
