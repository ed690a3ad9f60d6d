import { createHmac, timingSafeEqual } from "node:crypto";

// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body with the webhook secret.
// Compared in constant time over the raw bytes, before the body is parsed at all.

const PREFIX = "sha256=";

export function signGithubPayload(secret: string, body: Uint8Array | string): string {
  return `${PREFIX}${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifyGithubSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header || !header.startsWith(PREFIX) || secret.length === 0) return false;
  const given = header.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, hexBytes(given));
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
