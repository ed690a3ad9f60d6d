// app.inject() pulls in an ESM-only dependency jest cannot require on Node 20, so the tests go
// through a real socket instead.
async function serve(app) {
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    async call(method, url, payload) {
      const res = await fetch(base + url, {
        method,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      return { statusCode: res.status, body: await res.json() };
    },
    close: () => app.close(),
  };
}

module.exports = { serve };
