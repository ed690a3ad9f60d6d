import { createApp } from '../lib/app.js';

export async function withServer(run) {
  const logged = [];
  const app = createApp({ logger: { error: (fields) => logged.push(fields.err) } });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    await run({ get: (path) => fetch(base + path), logged });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
