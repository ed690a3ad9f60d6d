'use strict';

const { createApp } = require('./server/app');
const { createDb } = require('./server/db');
const fixtures = require('./server/fixtures');

const app = createApp({
  db: createDb(fixtures),
  onError: (err, ctx) => console.error(`${ctx.method} ${ctx.url}`, err),
});

if (require.main === module) app.listen(Number(process.env.PORT) || 4000);

module.exports = app;
