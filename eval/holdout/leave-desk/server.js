'use strict';

const { createContainer } = require('./lib/container');
const { createApp } = require('./lib/app');

function startServer({ port = Number(process.env.PORT || 3000), host, reporter = console } = {}) {
  const container = createContainer({ reporter });
  return createApp(container).listen(port, host);
}

if (require.main === module) {
  const server = startServer();
  server.on('listening', () => console.log(`leave-desk listening on ${server.address().port}`));
}

module.exports = { startServer };
