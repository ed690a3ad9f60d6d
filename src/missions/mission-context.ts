import type { HealingSettings } from "../config/healing-config.ts";
import type { Logger } from "../core/logger.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import type { ModelFixer } from "../fix/model/model-fixer.ts";
import type { PatternStatsRow } from "../store/patterns/load-pattern-stats.ts";
import type { Sql } from "../store/sql.ts";

// What a mission step works with: the run's context, the project with its effective settings,
// and the project's forge. The cycles build these and hand them down.

export interface MissionContext {
  sql: Sql;
  logger: Logger;
  /** The run's clock. Live runs use wall time; replays follow the events' own time. */
  now: () => Date;
  /** Identifies this runner in row leases. */
  runnerId: string;
  /** Claude for errors no pattern fixes; absent without ANTHROPIC_API_KEY (those go to a person). */
  modelFixer?: ModelFixer | null;
}

export interface MissionProject {
  id: string;
  repo: string | null;
  default_branch: string;
  paused: boolean;
  settings: HealingSettings;
}

export interface MissionStepDeps {
  ctx: MissionContext;
  project: MissionProject;
  forge: ProjectForge;
  patternStats: Map<string, PatternStatsRow>;
  /** Epoch ms: the cycle's deadline (bounds model retries). */
  deadline: number;
}
