import type { HealingSettings } from "../config/healing-config.ts";
import type { Logger } from "../core/logger.ts";
import type { Forge, ValidationResult } from "../deliver/forge.ts";
import type { GithubRepository } from "../deliver/github/github-repository.ts";
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
  /** Local forge only: merging needs an explicit yes (`--merge`). */
  allowMerge: boolean;
  /** Claude for errors no pattern fixes; absent without ANTHROPIC_API_KEY (those go to a person). */
  modelFixer?: ModelFixer | null;
}

export interface ProjectForge {
  forge: Forge;
  /** The branch fixes are based on and merged into. */
  baseBranch: string;
  /** Runs the project's tests on a fix branch; absent when the forge validates elsewhere (CI). */
  validate?: (branch: string, base: string, command: string) => Promise<ValidationResult>;
  /** Present when fixes are delivered as GitHub pull requests (checks validate, reviews approve). */
  github?: GithubRepository;
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
