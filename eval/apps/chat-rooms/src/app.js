'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const { createRooms } = require('./rooms');
const { messageRoutes } = require('./routes/messages');

function createApp({ rooms = createRooms(), previews, clock = () => new Date(), reportError = console.error }) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = err.status || 500;
      ctx.body = { error: ctx.status < 500 ? err.message : 'Something went wrong' };
      if (ctx.status >= 500) reportError(err, ctx);
    }
  });
  app.use(bodyParser());
  const router = messageRoutes({ rooms, previews, clock });
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}

module.exports = { createApp };
