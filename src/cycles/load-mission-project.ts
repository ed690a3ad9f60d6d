import { parseSettings } from "../config/healing-config.ts";
import type { HealingProjectRow } from "../store/projects/list-healing-projects.ts";
import type { MissionProject } from "./advance-mission.ts";
import type { HealContext } from "./heal-context.ts";

/** A project's effective settings: stored settings, the project's autonomy level, then CLI overrides. */
export function toMissionProject(ctx: HealContext, row: HealingProjectRow): MissionProject {
  const stored = parseSettings({ ...row.settings, autonomyLevel: row.autonomy_level });
  const settings = ctx.settingsOverride ? ctx.settingsOverride(stored) : stored;
  return { id: row.id, repo: row.repo, default_branch: row.default_branch, paused: row.paused, settings };
}
