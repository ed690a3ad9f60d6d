/**
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} Reply
 * @typedef {{ method: string, path: string, params: Record<string, string>, query: URLSearchParams, body: unknown, headers: import('node:http').IncomingHttpHeaders }} Req
 * @typedef {(req: Req) => Reply | Promise<Reply>} Handler
 */

/** @param {string} pattern */
function compile(pattern) {
  const names = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  return { regex: new RegExp(`^${source}$`), names };
}

export function createRouter() {
  /** @type {Array<{ method: string, regex: RegExp, names: string[], handler: Handler }>} */
  const routes = [];
  return {
    /** @param {string} method @param {string} pattern @param {Handler} handler */
    on(method, pattern, handler) {
      routes.push({ method, ...compile(pattern), handler });
      return this;
    },
    /** @param {string} method @param {string} path @returns {{ handler: Handler, params: Record<string, string> } | { allowed: string[] } | null} */
    match(method, path) {
      const allowed = [];
      for (const route of routes) {
        const m = route.regex.exec(path);
        if (!m) continue;
        if (route.method !== method) {
          allowed.push(route.method);
          continue;
        }
        const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
        return { handler: route.handler, params };
      }
      return allowed.length ? { allowed } : null;
    },
  };
}

/** @param {number} status @param {unknown} body @returns {Reply} */
export const reply = (status, body) => ({ status, body });
export const ok = (body) => reply(200, { ok: true, ...body });
export const fail = (status, error, extra = {}) => reply(status, { ok: false, error, ...extra });
