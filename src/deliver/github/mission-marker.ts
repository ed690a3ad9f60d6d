// The hidden marker in a Suture pull request's body that maps the PR back to its mission, for
// webhooks. Ids are uuids; the pattern accepts nothing else, so a marker cannot smuggle text.

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const MARKER = new RegExp(`<!-- suture:mission=(${UUID}) trace=(${UUID}) -->`);
/** Bodies are capped by GitHub at 65,536 characters; never scan more than that. */
const MAX_BODY_SCAN = 65_536;

export interface MissionMarker {
  missionId: string;
  traceId: string;
}

export function missionMarker(marker: MissionMarker): string {
  return `<!-- suture:mission=${marker.missionId} trace=${marker.traceId} -->`;
}

export function parseMissionMarker(body: string | null | undefined): MissionMarker | null {
  if (!body) return null;
  const match = MARKER.exec(body.slice(0, MAX_BODY_SCAN));
  if (!match) return null;
  return { missionId: match[1]!.toLowerCase(), traceId: match[2]!.toLowerCase() };
}
