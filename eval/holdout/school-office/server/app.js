'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const reportRoutes = require('./routes/reports');
const sectionRoutes = require('./routes/sections');

function createApp({ db, now = () => new Date(), onError = () => {} }) {
  const app = new Koa();

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = err.status || err.statusCode || 500;
      if (status >= 500) onError(err, ctx);
      ctx.status = status;
      ctx.body = { error: status < 500 && err.expose ? err.message : 'Internal Server Error' };
    }
  });
  app.use(bodyParser({ enableTypes: ['json'] }));

  const sections = sectionRoutes(db, now);
  const reports = reportRoutes(db);
  app.use(sections.routes()).use(sections.allowedMethods());
  app.use(reports.routes()).use(reports.allowedMethods());
  return app;
}

module.exports = { createApp };
