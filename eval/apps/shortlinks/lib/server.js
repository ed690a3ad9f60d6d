'use strict';

const http = require('node:http');
const { createRouter } = require('./router');
const { createLinkStore } = require('./links');
const { createHandlers } = require('./handlers');

const MAX_BODY = 16 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(Object.assign(new Error('body too large'), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function createServer({ clock = () => new Date(), onError = (error) => console.error(error) } = {}) {
  const store = createLinkStore(clock);
  const handlers = createHandlers(store, clock);
  const route = createRouter([
    ['GET', '/api/links/:slug/stats', handlers.stats],
    ['POST', '/api/links', handlers.create],
    ['GET', '/:slug', handlers.redirect],
  ]);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const found = route(req.method, url.pathname);
    let result;
    if (!found) result = { status: 404, body: { error: 'not found' } };
    else {
      try {
        const text = req.method === 'POST' ? await readBody(req) : '';
        let body = null;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
        }
        result = await found.handler({ params: found.params, query: url.searchParams, body });
      } catch (error) {
        if (error.status) result = { status: error.status, body: { error: error.message } };
        else {
          onError(error, req);
          result = { status: 500, body: { error: 'internal error' } };
        }
      }
    }
    res.writeHead(result.status, { 'content-type': 'application/json', ...(result.headers ?? {}) });
    res.end(result.body === null ? '' : JSON.stringify(result.body));
  });
  return { server, store };
}

module.exports = { createServer };
