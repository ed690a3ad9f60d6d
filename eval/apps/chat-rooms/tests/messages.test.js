'use strict';

const { startChat } = require('./client');

let chat;
beforeEach(async () => {
  chat = await startChat();
});
afterEach(() => chat.close());

test('posts a message with a link preview', async () => {
  const res = await chat.post('r-general', { author: 'nadia', text: 'Release notes: https://orbit.example/changelog' });
  expect(res.status).toBe(201);
  expect(res.body.preview).toEqual({ url: 'https://orbit.example/changelog', title: 'Example page' });
  expect((await chat.list('r-general')).body.messages).toHaveLength(1);
});

test('the moderator flags messages that look like secrets', async () => {
  const res = await chat.post('r-eng', { author: 'tom', text: 'staging password: hunter2' });
  expect(res.body.flagged).toBe('possible secret');
});

test('the standup bot collects notes and answers its command', async () => {
  await chat.post('r-eng', { author: 'ana', text: 'Yesterday: billing fix #standup' });
  const res = await chat.post('r-eng', { author: 'ana', text: '/standup' });
  expect(res.body.replies).toEqual(['1 standup notes today']);
});

test('polls are created by command', async () => {
  const res = await chat.post('r-launch', { author: 'lee', text: '/poll Launch day? | Tuesday | Thursday' });
  expect(res.body.replies).toEqual(['Poll created: Launch day?']);
  expect(chat.rooms.get('r-launch').polls[0].options).toEqual(['Tuesday', 'Thursday']);
});

test('rooms without bots take plain messages', async () => {
  expect((await chat.post('r-random', { author: 'kai', text: 'coffee?' })).status).toBe(201);
});

test('answers 404 and 400', async () => {
  expect((await chat.post('r-nope', { author: 'kai', text: 'hi' })).status).toBe(404);
  expect((await chat.post('r-random', { author: 'kai' })).body).toEqual({ error: 'author and text are required' });
});
