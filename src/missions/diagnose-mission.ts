import type { Forge } from "../deliver/forge.ts";
import { diagnoseIncident } from "../diagnose/diagnose-incident.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import type { StoredDiagnosis } from "./mission-records.ts";
import { needsHuman, transition } from "./mission-transitions.ts";

// diagnosing → fixing: the diagnosis from the group's evidence, and the commit whose source it
// is read at (the release that threw when the repository knows it, else the base branch).

export async function diagnose(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const evidence = await loadGroupEvidence(deps.ctx.sql, mission.detected_error_id);
  if (!evidence) return needsHuman(deps, mission, "The error group no longer exists.", {});
  const diagnosis = diagnoseIncident(evidence);
  if (diagnosis.kind === "not-fixable") {
    return needsHuman(deps, mission, diagnosis.reason, { diagnosis: { ...diagnosis } });
  }
  if (diagnosis.kind === "unclassified" && !deps.ctx.modelFixer) {
    return needsHuman(
      deps,
      mission,
      `No fix pattern recognises this error (${diagnosis.classification.reason}) and no model is configured (ANTHROPIC_API_KEY); a person should look at ${diagnosis.culprit.file}:${diagnosis.culprit.line}.`,
      { diagnosis: { ...diagnosis } },
    );
  }
  const { forge } = deps.forge;
  const source = await resolveSourceCommit(forge, diagnosis.release, deps.forge.baseBranch);
  if (!source) {
    return needsHuman(deps, mission, `The base branch ${deps.forge.baseBranch} does not exist in the repository.`, {});
  }
  const content = await forge.readFile(diagnosis.culprit.file, source.commit);
  if (content === null) {
    return needsHuman(
      deps,
      mission,
      `The culprit file ${diagnosis.culprit.file} is not in the repository at ${source.ref}; the stack trace may come from build output.`,
      { diagnosis: { ...diagnosis, sourceCommit: source.commit, sourceRef: source.ref } },
    );
  }
  const stored: StoredDiagnosis = { ...diagnosis, sourceCommit: source.commit, sourceRef: source.ref };
  return transition(deps, mission, "fixing", { diagnosis: stored }, "mission.diagnosed", diagnosis.cause, {
    errorClass: diagnosis.kind === "code-bug" ? diagnosis.errorClass : null,
    culprit: diagnosis.culprit,
    sourceRef: source.ref,
    evidence: diagnosis.evidence,
  });
}

async function resolveSourceCommit(forge: Forge, release: string | null, baseBranch: string): Promise<{ commit: string; ref: string } | null> {
  // A release that names a commit (sha or tag) in the repository is the code that threw.
  if (release && /^[\w./-]{1,100}$/.test(release) && !release.startsWith("-")) {
    const commit = await forge.resolveRef(release);
    if (commit) return { commit, ref: release };
  }
  const head = await forge.resolveRef(baseBranch);
  return head ? { commit: head, ref: baseBranch } : null;
}
