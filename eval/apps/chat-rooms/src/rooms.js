'use strict';

function createRooms() {
  const rooms = new Map();
  const add = (id, name, botNames) => rooms.set(id, { id, name, bots: botNames, messages: [], standupNotes: [], polls: [] });
  add('r-general', '#general', ['moderator']);
  add('r-eng', '#engineering', ['moderator', 'standup']);
  add('r-launch', '#product-launch', ['poll', 'moderator']);
  add('r-random', '#random', []);
  return rooms;
}

module.exports = { createRooms };
