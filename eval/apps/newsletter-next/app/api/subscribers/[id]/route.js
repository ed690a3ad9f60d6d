import { DEFAULT_PREFERENCES, store } from '../../../../lib/store.js';

export async function GET(request, { params }) {
  const { id } = await params;
  const subscriber = store.subscribers.find((s) => s.id === id);
  if (!subscriber) return Response.json({ error: 'Not found' }, { status: 404 });
  return Response.json({ ...subscriber, preferences: subscriber.preferences ?? DEFAULT_PREFERENCES });
}
