import { createHmac, timingSafeEqual } from 'node:crypto';

// Unsubscribe links carry base64url(JSON {sub, list}) plus an HMAC of it.
const SECRET = process.env.UNSUBSCRIBE_SECRET ?? 'dev-only-secret';

function sign(payload) {
  return createHmac('sha256', SECRET).update(payload).digest('base64url').slice(0, 22);
}

export function unsubscribeToken(subscriberId, list = 'main') {
  const payload = Buffer.from(JSON.stringify({ sub: subscriberId, list })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function verifySignature(token) {
  const [payload, signature = ''] = String(token).split('.');
  const expected = sign(payload);
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}
