'use strict';

const { createApp } = require('./app');

createApp().listen(Number(process.env.PORT) || 3000);
