'use strict';

const { buildApp } = require('./app');

buildApp()
  .listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' })
  .then((address) => console.log(`library-loans on ${address}`));
