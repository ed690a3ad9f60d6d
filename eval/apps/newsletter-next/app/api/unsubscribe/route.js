import { store } from '../../../lib/store.js';
import { verifySignature } from '../../../lib/tokens.js';

// Linked from every email: GET /api/unsubscribe?token=…
export async function GET(request) {
  const token = new URL(request.url).searchParams.get('token');
  if (!token) return Response.json({ error: 'Missing token' }, { status: 400 });
  const [payload] = token.split('.');
  const { sub, list } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!verifySignature(token)) return Response.json({ error: 'This link is not valid' }, { status: 400 });

  const subscriber = store.subscribers.find((s) => s.id === sub);
  if (!subscriber) return Response.json({ error: 'This link is not valid' }, { status: 404 });
  subscriber.status = 'unsubscribed';
  return Response.json({ ok: true, list, email: subscriber.email });
}
