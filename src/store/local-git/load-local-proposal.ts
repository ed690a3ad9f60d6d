import type { Sql } from "../sql.ts";
import { LOCAL_PROPOSAL_COLUMNS, type LocalProposalRow } from "./local-proposal-row.ts";

export async function loadLocalProposal(sql: Sql, missionId: string): Promise<LocalProposalRow | null> {
  const rows = await sql.query<LocalProposalRow>(
    `select ${LOCAL_PROPOSAL_COLUMNS} from healing.local_proposals where mission_id = $1`,
    [missionId],
  );
  return rows[0] ?? null;
}
