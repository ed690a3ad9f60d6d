import { DEFAULT_PREFERENCES, store, TOPICS } from '../../../lib/store.js';

export async function POST(request) {
  let body;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'Expected a JSON body' }, { status: 400 });
  }
  const email = String(body.email ?? '').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return Response.json({ error: 'A valid email is required' }, { status: 400 });
  const topics = Array.isArray(body.topics) ? body.topics.filter((t) => TOPICS.includes(t)) : DEFAULT_PREFERENCES.topics;
  const existing = store.subscribers.find((s) => s.email === email);
  if (existing) {
    existing.status = 'active';
    existing.preferences = { ...DEFAULT_PREFERENCES, topics };
    return Response.json({ id: existing.id, resubscribed: true });
  }
  const subscriber = { id: `sub_${2000 + store.subscribers.length}`, email, status: 'active', preferences: { ...DEFAULT_PREFERENCES, topics } };
  store.subscribers.push(subscriber);
  return Response.json({ id: subscriber.id }, { status: 201 });
}
