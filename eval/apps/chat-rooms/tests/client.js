'use strict';

const { createApp } = require('../src/app');
const { createRooms } = require('../src/rooms');

async function startChat() {
  const rooms = createRooms();
  const reported = [];
  const previews = { unfurl: async (url) => ({ url, title: 'Example page' }) };
  const server = createApp({ rooms, previews, clock: () => new Date('2026-11-10T09:00:00Z'), reportError: (err) => reported.push(err) }).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    rooms,
    reported,
    async post(roomId, body) {
      const res = await fetch(`${base}/rooms/${roomId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    async list(roomId) {
      const res = await fetch(`${base}/rooms/${roomId}/messages`);
      return { status: res.status, body: await res.json() };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startChat };
