'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const { loadSchool } = require('./school');
const { classRoutes } = require('./routes/classes');
const { studentRoutes } = require('./routes/students');

function createApp({ school = loadSchool(), onError } = {}) {
  const app = new Koa();

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = err.status || 500;
      ctx.body = { error: err.expose ? err.message : 'Internal Server Error' };
      if (!err.expose) ctx.app.emit('error', err, ctx);
    }
  });
  app.use(bodyParser());
  for (const router of [classRoutes(school), studentRoutes(school)]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  app.on('error', onError || ((err) => console.error(err)));
  return app;
}

module.exports = { createApp };
