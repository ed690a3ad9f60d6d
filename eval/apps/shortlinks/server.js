'use strict';

const { createServer } = require('./lib/server');

createServer().server.listen(Number(process.env.PORT) || 8080);
