import { describe, expect, it } from "vitest";
import { diagnoseIncident } from "../../src/diagnose/diagnose-incident.ts";
import { locateFailedImport, locateModuleCulprit } from "../../src/diagnose/locate-import.ts";
import type { GroupEvidence } from "../../src/store/errors/load-group-evidence.ts";

// A module that fails to load has no application frame: the message names the missing file and
// the importer, and the import that names it (often a lazy one) is the culprit, not line 1.

const EPISODES = `import { Hono } from "hono";
import type { Db } from "../db.ts";

export function episodeRoutes(db: Db) {
  const routes = new Hono();
  routes.post("/:id/renditions", async (c) => {
    const episode = db.episodes.get(c.req.param("id"));
    if (!episode) return c.json({ error: "episode not found" }, 404);
    const { presetsFor } = await import("../transcode/presets.ts");
    return c.json({ renditions: presetsFor(episode.language) }, 202);
  });
  return routes;
}
`;

function moduleGroup(message: string, stack: string): GroupEvidence {
  return {
    id: "g1",
    fingerprint: "f1",
    title: message,
    error_type: "Error",
    normalized_message: message,
    event_count: 6,
    user_count: 2,
    first_seen: new Date("2026-11-20T10:00:00Z"),
    last_seen: new Date("2026-11-20T10:30:00Z"),
    last_release: "v1.0.0",
    routes: [],
    samples: [
      {
        event_id: "e1",
        occurred_at: new Date("2026-11-20T10:30:00Z"),
        error_type: "Error",
        message,
        frames: [{ file: stack, function: "finalizeResolution", line: 283, column: 11, inApp: false }],
        causes: [],
        release: "v1.0.0",
        request_method: null,
        request_route: null,
      },
    ],
  };
}

describe("locateFailedImport", () => {
  it("finds the lazy import() whose specifier resolves to the missing path (Node ESM message)", () => {
    expect(locateFailedImport("src/routes/episodes.ts", EPISODES, "/app/src/transcode/presets.ts")).toEqual({ line: 9, column: 34 });
  });

  it("finds a CommonJS require inside a function by the specifier the message repeats", () => {
    const source = `function notify(team) {\n  if (team.channel === "sms") {\n    const { sendSms } = require("../notify/sms");\n    sendSms(team);\n  }\n}\n`;
    expect(locateFailedImport("src/jobs/publish.ts", source, "../notify/sms")).toEqual({ line: 3, column: 25 });
  });

  it("finds a static import, extensionless or index, and nothing for a path no import names", () => {
    const source = `import { a } from './lib/a'\nimport b from "./lib/b/index.js"\n`;
    expect(locateFailedImport("src/x.js", source, "/srv/app/src/lib/a.js")).toEqual({ line: 1, column: 14 });
    expect(locateFailedImport("src/x.js", source, "/srv/app/src/lib/b")).toEqual({ line: 2, column: 10 });
    expect(locateFailedImport("src/x.js", source, "/srv/app/src/lib/c.js")).toBeNull();
  });
});

describe("locateModuleCulprit", () => {
  it("moves a module-not-found diagnosis from the importer's line 1 to the import() that failed", () => {
    const diagnosis = diagnoseIncident(moduleGroup("Cannot find module '/app/src/transcode/presets.ts' imported from /app/src/routes/episodes.ts", "node:internal/modules/esm/resolve"));
    expect(diagnosis).toMatchObject({ kind: "code-bug", errorClass: "module-not-found", culprit: { file: "src/routes/episodes.ts", line: 1 } });
    const located = locateModuleCulprit(diagnosis, EPISODES);
    expect(located).toMatchObject({ culprit: { file: "src/routes/episodes.ts", line: 9, column: 34, function: null } });
    expect(located.kind === "code-bug" && located.cause).toContain("src/routes/episodes.ts:9");
  });

  it("leaves every other diagnosis as it is", () => {
    const diagnosis = diagnoseIncident(moduleGroup("Cannot find module '/app/src/other.ts' imported from /app/src/routes/episodes.ts", "node:internal/modules/esm/resolve"));
    expect(locateModuleCulprit(diagnosis, EPISODES)).toBe(diagnosis);
    const notFixable = diagnoseIncident(moduleGroup("connect ECONNREFUSED 10.0.0.7:5432", "node:net"));
    expect(locateModuleCulprit(notFixable, EPISODES)).toBe(notFixable);
  });
});
