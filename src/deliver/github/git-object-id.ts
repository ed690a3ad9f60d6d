import { createHash } from "node:crypto";

// Git's object id of a blob, computed locally: comparing it with the ids in a tree tells whether a
// branch already holds exactly these bytes, without uploading anything.

export function gitBlobId(content: string): string {
  const bytes = new TextEncoder().encode(content);
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

export function isFullCommitId(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref) || /^[0-9a-f]{64}$/.test(ref);
}
