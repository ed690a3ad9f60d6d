import type { RepoSnapshot } from "./repo-snapshot.ts";
import type { AttemptRecord, FailingInput } from "./reproduction.ts";
import type { TestStyle } from "./test-style.ts";

// Strategy 3: a model writes the reproduction test. The port is narrow so the orchestrator never
// sees prompts or SDK types; what comes back is untrusted text that runs only in the sandbox,
// after the checks the implementation applies, and is accepted only through the oracle.

export interface ModelReproductionRequest {
  input: FailingInput;
  snapshot: RepoSnapshot;
  style: TestStyle;
  /** What the cheaper strategies tried, so the model does not repeat them. */
  attempts: readonly AttemptRecord[];
}

export type ModelReproductionProposal =
  | { kind: "test"; path: string; content: string; titles: string[] }
  | { kind: "declined"; reason: string };

export interface ModelReproducer {
  propose(request: ModelReproductionRequest): Promise<ModelReproductionProposal>;
}
