import assert from 'node:assert/strict';
import { POST as send } from '../app/api/campaigns/[id]/send/route.js';
import { resetStore, store } from '../lib/store.js';
import { params, request } from './helpers.js';

// Subscribers imported from Mailchimp have no stored preferences: they get every topic, as their
// profile page already shows.
describe('sending a campaign to a list with imported subscribers', () => {
  beforeEach(() => resetStore());

  it('sends to matching subscribers and to imported ones', async () => {
    const res = await send(request('/api/campaigns/c-2611/send', { method: 'POST' }), params('c-2611'));
    assert.equal(res.status, 200);
    assert.equal((await res.json()).recipients, 4);
    assert.deepEqual(store.outbox.map((mail) => mail.to).sort(), ['allotment.42@example.com', 'hedge.fund@example.co.uk', 'margaret.h@example.org', 'ruth@example.org']);
    assert.ok(store.campaigns[0].sentAt);
  });

  it('leaves out subscribers who chose other topics', async () => {
    const res = await send(request('/api/campaigns/c-2612/send', { method: 'POST' }), params('c-2612'));
    assert.equal((await res.json()).recipients, 3);
    assert.deepEqual(store.outbox.map((mail) => mail.to).sort(), ['allotment.42@example.com', 'dev.patel@example.com', 'margaret.h@example.org']);
  });
});
