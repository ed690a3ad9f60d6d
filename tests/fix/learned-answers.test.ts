import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/core/line-diff.ts";
import { findErrorExits } from "../../src/fix/error-exits.ts";
import { parsesCleanly } from "../../src/fix/parse-source.ts";
import { proposeFixes } from "../../src/fix/pattern-library.ts";
import { fixContext, lineOf, programOf } from "./fix-context.ts";

// Conventions come from the repository: the way a codebase already answers a client error is
// learned from the function itself, its siblings, its folder and its router, whatever the
// framework. Each style below is a codebase of its own.

const READING = (property: string): string => `Cannot read properties of undefined (reading '${property}')`;

async function best(options: { file: string; source: string; marker: string; message: string; files?: Record<string, string> }) {
  const ctx = fixContext({ file: options.file, source: options.source, line: lineOf(options.source, options.marker), message: options.message, files: options.files });
  const { candidates } = await proposeFixes(ctx);
  for (const candidate of candidates) for (const change of candidate.changes) expect(parsesCleanly(change.path, change.after ?? "")).toBe(true);
  return candidates;
}

function added(before: string, after: string): string[] {
  return diffLines(before, after).added.map((line) => line.text);
}

describe("findErrorExits", () => {
  it("marks the status, message and code of each way of leaving on a client error", () => {
    const source = `function a(req, res) {
  if (!req.user) return res.status(401).json({ error: "unauthorized", message: "sign in first" });
  if (!req.body) throw new HttpError(400, "body required", { hint: "send JSON" });
  if (!req.params.id) return { ok: false, status: 400, error: "id is required" };
  if (!req.query.q) return json(422, { error: "q_missing" });
  if (req.query.x) ctx.throw(409, "taken");
  return res.json({ ok: true });
}
`;
    const exits = findErrorExits("src/a.js", source, programOf("src/a.js", source));
    expect(exits.map((exit) => [exit.via, exit.status, exit.message?.role, exit.message && source.slice(exit.message.node.start!, exit.message.node.end!)])).toEqual([
      ["return", 401, "message", '"sign in first"'],
      ["throw", 400, "message", '"body required"'],
      ["return", 400, "message", '"id is required"'],
      ["return", 422, "code", '"q_missing"'],
      ["throw", 409, "noun", '"taken"'],
    ]);
    expect(exits[0]!.code && source.slice(exits[0]!.code.start!, exits[0]!.code.end!)).toBe('"unauthorized"');
    expect(exits[1]!.details).not.toBeNull();
    expect(exits[2]!.bodyKeys).toEqual(["ok", "status", "error"]);
  });

  it("does not take a response helper's own return for an exit: it never leaves early", () => {
    const source = `export function notFound(what) {\n  return json({ error: \`\${what} not found\` }, 404);\n}\n`;
    expect(findErrorExits("src/http.js", source, programOf("src/http.js", source))).toEqual([]);
  });
});

describe("client-error answers learned from the codebase", () => {
  it("Express with an error class its middleware maps: throw new HttpError(404, `Vet ${vetId} not found`), as the handler does for a pet", async () => {
    const source = `'use strict';
const express = require('express');
const { HttpError } = require('../errors');

function appointmentsRouter(store) {
  const router = express.Router();
  router.post('/', (req, res) => {
    const { petId, vetId } = req.body;
    const pet = store.pets.get(petId);
    if (!pet) throw new HttpError(404, \`Pet \${petId} not found\`);
    const vet = store.vets.find((v) => v.id === vetId);
    res.status(201).json({ minutes: vet.slotMinutes, pet: pet.id });
  });
  return router;
}
module.exports = { appointmentsRouter };
`;
    const [first] = await best({ file: "src/routes/appointments.js", source, marker: "vet.slotMinutes", message: READING("slotMinutes"), files: { "src/errors.js": "class HttpError extends Error {}\nmodule.exports = { HttpError };\n" } });
    expect(added(source, first!.changes[0]!.after!)).toEqual(["    if (!vet) throw new HttpError(404, `Vet ${vetId} not found`);"]);
    expect(first!.rank.fit).toBe(0.92);
    expect(first!.expectation).toMatchObject({ outcome: "answers", status: 404 });
  });

  it("Koa: ctx.throw(404, …) from a handler in the same folder, named after the collection the record comes from", async () => {
    const students = `const Router = require('@koa/router');
function studentRoutes(school) {
  const router = new Router();
  router.get('/:id', (ctx) => {
    const student = school.students.get(ctx.params.id);
    if (!student) ctx.throw(404, 'student not found');
    ctx.body = student;
  });
  return router;
}
module.exports = { studentRoutes };
`;
    const source = `const Router = require('@koa/router');
function classRoutes(school) {
  const router = new Router();
  router.get('/:classId', (ctx) => {
    const cls = school.classes.get(ctx.params.classId);
    ctx.body = { roster: cls.roster };
  });
  return router;
}
module.exports = { classRoutes };
`;
    const [first] = await best({ file: "src/routes/classes.js", source, marker: "cls.roster", message: READING("roster"), files: { "src/routes/students.js": students } });
    expect(added(source, first!.changes[0]!.after!)).toEqual(["    if (!cls) ctx.throw(404, 'class not found');"]);
    expect(first!.summary).toContain("src/routes/students.js:6");
  });

  it("Fastify: reply.code(…).send({ statusCode, error, message }) rewritten for 400, reason phrase included", async () => {
    const source = `export async function routes(app) {
  app.get("/tickets/:id", async (request, reply) => {
    const ticket = store.get(request.params.id);
    if (!ticket) return reply.code(404).send({ statusCode: 404, error: "Not Found", message: "Ticket not found" });
    return ticket;
  });
  app.get("/search", async (request, reply) => {
    const needle = request.query.q.trim();
    return store.search(needle);
  });
}
`;
    const [first] = await best({ file: "src/routes.js", source, marker: "request.query.q.trim", message: READING("trim") });
    expect(added(source, first!.changes[0]!.after!)).toEqual(['    if (request.query.q == null) return reply.code(400).send({ statusCode: 400, error: "Bad Request", message: "Q is required" });']);
    expect(first!.expectation).toMatchObject({ outcome: "answers", status: 400, bodyKeys: ["statusCode", "error", "message"] });
  });

  it("plain handlers returning { status, body }, with the router's fallback as the model", async () => {
    const router = `const { createHandlers } = require('./handlers');
function route(handlers, request) {
  if (request.path.startsWith('/l/')) return handlers.redirect(request);
  return { status: 404, body: { error: 'no route for ' + request.path } };
}
module.exports = { route };
`;
    const source = `function createHandlers(store) {
  return {
    redirect({ params }) {
      const link = store.links.get(params.slug);
      return { status: 302, headers: { location: link.target } };
    },
  };
}
module.exports = { createHandlers };
`;
    const [first] = await best({ file: "lib/handlers.js", source, marker: "link.target", message: READING("target"), files: { "lib/router.js": router } });
    expect(added(source, first!.changes[0]!.after!)).toEqual(["      if (!link) return { status: 404, body: { error: 'link not found' } };"]);
    expect(first!.summary).toContain("lib/router.js:4");
  });

  it("Lambda with a respond(status, payload) helper: the handler's own 404 guard for another record", async () => {
    const source = `import { respond } from "../lib/api";

export function createHandler(db) {
  return async function swap(event) {
    const shift = db.shifts.find((s) => s.id === event.pathParameters.shiftId);
    if (!shift) return respond(404, { error: "shift not found" });
    const team = db.teams.find((t) => t.id === shift.teamId);
    return respond(200, { members: team.members.length });
  };
}
`;
    const [first] = await best({ file: "src/handlers/swap.ts", source, marker: "team.members", message: READING("members"), files: { "src/lib/api.ts": "export const respond = (statusCode: number, payload: unknown) => ({ statusCode, body: JSON.stringify(payload) });\n" } });
    expect(added(source, first!.changes[0]!.after!)).toEqual(['    if (!team) return respond(404, { error: "team not found" });']);
  });

  it("a library function returning { ok: false, status, message }: its own result for a missing key", async () => {
    const source = `export function priceQuote(input: QuoteRequest): QuoteResult {
  if (input.seats < 1) return { ok: false, status: 400, message: "seats must be positive" };
  const unit = PRICE_BOOK[input.currency][input.planId];
  return { ok: true, quote: { net: unit * input.seats } };
}
`;
    const [first] = await best({ file: "src/lib/pricing.ts", source, marker: "PRICE_BOOK[input.currency]", message: READING("team_annual") });
    expect(added(source, first!.changes[0]!.after!)).toEqual(['  if (!PRICE_BOOK[input.currency]) return { ok: false, status: 404, message: "currency not found" };']);
    expect(first!.expectation).toMatchObject({ outcome: "returns" });
  });

  it("Hono with a package's exception class: the import is added, in the file's own style", async () => {
    const app = `import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
export const app = new Hono();
app.get("/shops/:id", (c) => {
  const shop = shops.get(c.req.param("id"));
  if (!shop) throw new HTTPException(404, { message: "shop not found" });
  return c.json(shop);
});
`;
    const source = `import { Hono } from "hono";
import { shipments } from "./store.ts";

export const routes = new Hono();
routes.get("/:id", (c) => {
  const shipment = shipments.get(c.req.param("id"));
  return c.json({ eta: shipment.eta });
});
`;
    const [first] = await best({ file: "src/shipments.ts", source, marker: "shipment.eta", message: READING("eta"), files: { "src/app.ts": app } });
    expect(added(source, first!.changes[0]!.after!)).toEqual(['import { HTTPException } from "hono/http-exception";', '  if (!shipment) throw new HTTPException(404, { message: "shipment not found" });']);
  });

  it("CommonJS: an error helper the folder's other routes require is required here too, extensionless like the file's requires", async () => {
    const members = `'use strict';
const { httpError } = require('../lib/http-error');
async function memberRoutes(app, { members }) {
  app.get('/members/:id', async (request) => {
    const member = members.get(request.params.id);
    if (!member) throw httpError(404, \`No member \${request.params.id}\`);
    return member;
  });
}
module.exports = memberRoutes;
`;
    const source = `'use strict';
const { catalogue } = require('../lib/catalogue');
async function bookRoutes(app) {
  app.get('/books/:id', async (request) => {
    const item = catalogue.items.get(request.params.id);
    return { title: item.title };
  });
}
module.exports = bookRoutes;
`;
    const [first] = await best({ file: "routes/books.js", source, marker: "item.title", message: READING("title"), files: { "routes/members.js": members, "lib/http-error.js": "function httpError(status, message) {}\nmodule.exports = { httpError };\n", "lib/catalogue.js": "module.exports = { catalogue: {} };\n" } });
    // The sibling's words, its lookup key placeholder included, for this record: `No member ${…}` → `No item ${…}`.
    expect(added(source, first!.changes[0]!.after!)).toEqual(["const { httpError } = require('../lib/http-error');", "    if (!item) throw httpError(404, `No item ${request.params.id}`);"]);
  });

  it("an error class whose name says the status answers that status only: no NotFoundError for a missing field", async () => {
    const source = `import { NotFoundError } from "./errors.js";
export function getRun(runs, req) {
  const run = runs.get(req.params.id);
  if (!run) throw new NotFoundError("run");
  return { total: run.total, note: req.body.note.trim() };
}
`;
    const found = await best({ file: "lib/runs.js", source, marker: "req.body.note.trim", message: READING("trim"), files: { "lib/errors.js": "export class NotFoundError extends Error {}\n" } });
    expect(found.some((candidate) => candidate.changes[0]!.after!.includes("NotFoundError(") && added(source, candidate.changes[0]!.after!).some((line) => line.includes("NotFoundError")))).toBe(false);
  });

  it("does not copy a guard of the same record on another of its fields (an expiry check is not a not-found check)", async () => {
    const source = `function createHandlers(store, clock) {
  return {
    redirect({ params }) {
      const link = store.links.get(params.slug);
      if (link.expiresAt && Date.parse(link.expiresAt) < clock()) {
        return { status: 410, body: { error: 'This link has expired' } };
      }
      return { status: 302, headers: { location: link.target } };
    },
  };
}
module.exports = { createHandlers };
`;
    const [first] = await best({ file: "lib/handlers.js", source, marker: "if (link.expiresAt", message: READING("expiresAt") });
    // The 410 exit is the model for the shape (braces included), rewritten for 404; its test is not copied.
    expect(added(source, first!.changes[0]!.after!)).toEqual(["      if (!link) {", "        return { status: 404, body: { error: 'Link not found' } };", "      }"]);
  });

  it("copies the test and answer the code already uses for the same input elsewhere, status and words included", async () => {
    const source = `export function createGateway(projects) {
  async function ingest(req: Req): Promise<Result> {
    const key = req.headers["x-key"] as string;
    const [id, secret] = key.split(".");
    return { ok: true, status: 202, body: projects.auth(id, secret) };
  }
  function query(req: Req): Result {
    const key = req.headers["x-key"];
    if (typeof key !== "string" || !key.includes(".")) return { ok: false, status: 401, error: "x-key header required" };
    return { ok: true, status: 200, body: key };
  }
  return { ingest, query };
}
`;
    const [first] = await best({ file: "src/gateway.ts", source, marker: "key.split", message: READING("split") });
    expect(added(source, first!.changes[0]!.after!)).toEqual(['    if (typeof key !== "string" || !key.includes(".")) return { ok: false, status: 401, error: "x-key header required" };']);
    expect(first!.expectation).toMatchObject({ outcome: "returns", value: expect.stringContaining("status: 401") });
  });
});
