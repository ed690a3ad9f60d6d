import assert from 'node:assert/strict';
import { GET as unsubscribe } from '../app/api/unsubscribe/route.js';
import { resetStore, store } from '../lib/store.js';
import { unsubscribeToken } from '../lib/tokens.js';
import { request } from './helpers.js';

// Mail clients and link scanners cut or rewrite tokens on the way.
describe('an unsubscribe link with a damaged token', () => {
  beforeEach(() => resetStore());

  const token = () => unsubscribeToken('sub_1004');
  for (const [label, damage] of [
    ['cut short', (t) => t.slice(0, 18)],
    ['lower-cased', (t) => t.toLowerCase()],
    ['with characters missing', (t) => `${t.slice(0, 8)}${t.slice(12)}`],
  ]) {
    it(`is refused with a client error when ${label}`, async () => {
      const res = await unsubscribe(request(`/api/unsubscribe?token=${damage(token())}`));
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      assert.equal(typeof (await res.json()).error, 'string');
      assert.equal(store.subscribers.find((s) => s.id === 'sub_1004').status, 'active');
    });
  }

  it('still unsubscribes with an intact token', async () => {
    const res = await unsubscribe(request(`/api/unsubscribe?token=${token()}`));
    assert.equal(res.status, 200);
    assert.equal(store.subscribers.find((s) => s.id === 'sub_1004').status, 'unsubscribed');
  });
});
