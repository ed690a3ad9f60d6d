import assert from 'node:assert/strict';
import { POST as send } from '../app/api/campaigns/[id]/send/route.js';
import { POST as subscribe } from '../app/api/subscribe/route.js';
import { GET as subscriberInfo } from '../app/api/subscribers/[id]/route.js';
import { GET as unsubscribe } from '../app/api/unsubscribe/route.js';
import { resetStore, store } from '../lib/store.js';
import { unsubscribeToken } from '../lib/tokens.js';
import { params, request } from './helpers.js';

describe('newsletter', () => {
  beforeEach(() => resetStore());

  it('subscribes a new reader with chosen topics', async () => {
    const res = await subscribe(request('/api/subscribe', { method: 'POST', body: JSON.stringify({ email: 'Kim@Example.org', topics: ['recipes', 'bogus'] }) }));
    assert.equal(res.status, 201);
    assert.deepEqual(store.subscribers.at(-1).preferences.topics, ['recipes']);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await subscribe(request('/api/subscribe', { method: 'POST', body: 'email=kim@example.org' }));
    assert.equal(res.status, 400);
  });

  it('unsubscribes with a signed link', async () => {
    const res = await unsubscribe(request(`/api/unsubscribe?token=${unsubscribeToken('sub_1002')}`));
    assert.deepEqual(await res.json(), { ok: true, list: 'main', email: 'dev.patel@example.com' });
    assert.equal(store.subscribers.find((s) => s.id === 'sub_1002').status, 'unsubscribed');
  });

  it('refuses a link with a forged signature', async () => {
    const [payload] = unsubscribeToken('sub_1002').split('.');
    const res = await unsubscribe(request(`/api/unsubscribe?token=${payload}.AAAAAAAAAAAAAAAAAAAAAA`));
    assert.equal(res.status, 400);
  });

  it('shows default preferences for imported subscribers', async () => {
    const body = await (await subscriberInfo(request('/api/subscribers/sub_0417'), params('sub_0417'))).json();
    assert.deepEqual(body.preferences.topics, ['growing', 'recipes', 'events', 'offers']);
  });

  it('does not resend a sent campaign', async () => {
    store.campaigns[0].sentAt = '2026-11-19T07:00:00.000Z';
    const body = await (await send(request('/api/campaigns/c-2611/send', { method: 'POST' }), params('c-2611'))).json();
    assert.equal(body.alreadySent, true);
    assert.equal(store.outbox.length, 0);
  });
});
