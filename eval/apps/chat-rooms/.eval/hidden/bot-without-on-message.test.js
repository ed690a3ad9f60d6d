'use strict';

const { startChat } = require('./client');

let chat;
beforeEach(async () => {
  chat = await startChat();
});
afterEach(() => chat.close());

// #product-launch has the poll bot (commands only) before the moderator.
test('a plain message in a room with a command-only bot is posted', async () => {
  const res = await chat.post('r-launch', { author: 'lee', text: 'the banner copy is final' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ author: 'lee', text: 'the banner copy is final' });
  expect(chat.rooms.get('r-launch').messages).toHaveLength(1);
  expect(chat.reported).toEqual([]);
});

test('the bots after it still see the message', async () => {
  const res = await chat.post('r-launch', { author: 'tom', text: 'demo password: launch2026' });
  expect(res.status).toBe(201);
  expect(res.body.flagged).toBe('possible secret');
});
