import { createServer } from "node:http";
import { fail } from "./router.js";

const MAX_BODY = 64 * 1024;

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return { tooLarge: true };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { invalid: true };
  }
}

/**
 * @param {ReturnType<typeof import('./router.js').createRouter>} router
 * @param {{ onError?: (error: Error, req: import('node:http').IncomingMessage) => void }} [options]
 */
export function serve(router, { onError = () => {} } = {}) {
  return createServer(async (req, res) => {
    /** @type {import('./router.js').Reply} */
    let out;
    try {
      const url = new URL(req.url ?? "/", "http://scanner.local");
      const found = router.match(req.method ?? "GET", url.pathname);
      if (!found) out = fail(404, `no route ${req.method} ${url.pathname}`);
      else if ("allowed" in found) out = { ...fail(405, "method not allowed"), headers: { allow: found.allowed.join(", ") } };
      else {
        const body = await readBody(req);
        if (body.tooLarge) out = fail(413, "body too large");
        else if (body.invalid) out = fail(400, "body is not JSON");
        else out = await found.handler({ method: req.method ?? "GET", path: url.pathname, params: found.params, query: url.searchParams, body: body.value, headers: req.headers });
      }
    } catch (error) {
      onError(/** @type {Error} */ (error), req);
      out = fail(500, "internal error");
    }
    res.writeHead(out.status, { "content-type": "application/json; charset=utf-8", ...out.headers });
    res.end(JSON.stringify(out.body));
  });
}
