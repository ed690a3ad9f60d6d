'use strict';

const { createServer } = require('./server');

createServer().listen(Number(process.env.PORT) || 3000);
