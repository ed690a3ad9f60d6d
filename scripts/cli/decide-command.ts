import { userInfo } from "node:os";
import { decideProposal } from "../../src/missions/decide-proposal.ts";
import { openCliDatabase } from "./open-cli-database.ts";

// `suture approve|reject <mission>`: a person's decision on a fix proposed on a local git
// repository. It is recorded now; the next detect-and-fix tick (`suture dev`, or the next
// `suture replay` into the same database) merges an approved fix or ends a rejected mission.

export interface DecideCommandOptions {
  decision: "approved" | "rejected";
  missionId: string;
  reason: string | null;
  dataDir: string | null;
}

export async function runDecideCommand(options: DecideCommandOptions): Promise<void> {
  const { sql } = await openCliDatabase({ dataDir: options.dataDir });
  try {
    const decided = await decideProposal(sql, {
      missionId: options.missionId,
      decision: options.decision,
      by: decidedBy(),
      reason: options.reason,
      at: new Date(),
    });
    const next = options.decision === "approved" ? "merges it" : "closes the mission as rejected";
    const wait = decided.paused ? " once healing is resumed (the project is paused)" : "";
    console.log(`${options.decision} the proposal of ${decided.proposal.branch} (mission ${decided.mission.id}); the next detect-and-fix tick ${next}${wait}`);
  } finally {
    await sql.close();
  }
}

function decidedBy(): string {
  try {
    return userInfo().username || "a person";
  } catch {
    return "a person";
  }
}
