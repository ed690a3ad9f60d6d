import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ingestReplayEvents } from "../../src/cycles/replay.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";

// The example app's recorded production incident, stored for a project whose repo is a git copy
// of the app (tests/support/example-repo.ts): detection turns it into several missions.

export async function seedIncident(sql: Sql, repoDir: string, options: { name?: string; only?: RegExp } = {}): Promise<{ projectId: string; ingestKey: string }> {
  const { project, ingestKey } = await createProject(sql, { name: options.name ?? "shop", repo: repoDir });
  let text = readFileSync(join(repoDir, "incident", "events.jsonl"), "utf8");
  if (options.only) text = text.split("\n").filter((line) => options.only!.test(line)).join("\n");
  await ingestReplayEvents(sql, project.id, text);
  return { projectId: project.id, ingestKey };
}
