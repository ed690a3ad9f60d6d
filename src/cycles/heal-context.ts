import type { HealingSettings } from "../config/healing-config.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import type { ForgeProject } from "../deliver/project-forges.ts";
import type { MissionContext } from "../missions/mission-context.ts";

// Everything a cycle needs, built by the entry point (CLI, edge function, test) and passed down.

export interface HealContext extends MissionContext {
  forgeFor(project: ForgeProject): Promise<ProjectForge>;
  /** Overrides applied on top of each project's stored settings (CLI flags). */
  settingsOverride?: (settings: HealingSettings) => HealingSettings;
}
