import type { HealingSettings } from "../config/healing-config.ts";
import type { MissionContext, ProjectForge } from "../missions/mission-context.ts";

// Everything a cycle needs, built by the entry point (CLI, edge function, test) and passed down.

export interface HealContext extends MissionContext {
  forgeFor(project: { id: string; repo: string | null; default_branch: string }): Promise<ProjectForge>;
  /** Overrides applied on top of each project's stored settings (CLI flags). */
  settingsOverride?: (settings: HealingSettings) => HealingSettings;
}
