'use strict';

const Router = require('@koa/router');
const { bots } = require('../bots');

const LINK = /https?:\/\/[^\s)]+/;

function messageRoutes({ rooms, previews, clock }) {
  const router = new Router();
  let sequence = 0;

  router.get('/rooms/:roomId/messages', (ctx) => {
    const room = rooms.get(ctx.params.roomId);
    if (!room) ctx.throw(404, 'room not found');
    const limit = Math.min(Number(ctx.query.limit) || 50, 200);
    ctx.body = { room: room.name, messages: room.messages.slice(-limit) };
  });

  router.post('/rooms/:roomId/messages', async (ctx) => {
    const room = rooms.get(ctx.params.roomId);
    if (!room) ctx.throw(404, 'room not found');
    const { author, text } = ctx.request.body || {};
    if (!author || typeof text !== 'string' || !text.trim()) ctx.throw(400, 'author and text are required');

    if (text.startsWith('/')) {
      const [, command, args = ''] = /^\/(\w+)\s*(.*)$/.exec(text) || [];
      const replies = room.bots.map((name) => bots[name]).filter((bot) => bot.onCommand).map((bot) => bot.onCommand(command, args, room)).filter(Boolean);
      ctx.body = { replies };
      return;
    }

    const message = { id: `m${++sequence}`, author, text, sentAt: clock().toISOString() };
    const link = LINK.exec(text);
    if (link) message.preview = await previews.unfurl(link[0]);
    for (const bot of room.bots.map((name) => bots[name])) {
      bot.onMessage(message, room);
    }
    room.messages.push(message);
    ctx.status = 201;
    ctx.body = message;
  });

  return router;
}

module.exports = { messageRoutes };
