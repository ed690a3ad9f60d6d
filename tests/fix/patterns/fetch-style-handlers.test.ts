import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { generateFixCandidates } from "../../../src/fix/pattern-library.ts";
import { fixContext, lineOf } from "../fix-context.ts";
import { HTTP_TS, USERS_TS, ORDERS_TS } from "../../fixtures/shop-api-sources.ts";

// Fetch-style handlers with a router of their own and shared response helpers: the shape of the
// bundled example app (examples/shop-api). Its files are in tests/fixtures/shop-api-sources.ts.




async function candidates(options: { file: string; source: string; marker: string; message: string; type?: string; files?: Record<string, string> }) {
  const ctx = fixContext({ file: options.file, source: options.source, line: lineOf(options.source, options.marker), type: options.type, message: options.message, files: options.files });
  const found = await generateFixCandidates(ctx);
  for (const candidate of found) {
    for (const change of candidate.changes) expect(parsesCleanly(change.path, change.after ?? "")).toBe(true);
  }
  return found;
}

const READING_EMAIL = "Cannot read properties of undefined (reading 'email')";

describe("property-of-nullish in fetch-style handlers", () => {
  it("answers a missing user in shop-api's getUser with the file's own guard: if (!user) return notFound(\"user\")", async () => {
    const found = await candidates({ file: "src/routes/users.ts", source: USERS_TS, marker: "maskEmail(user.email)", message: READING_EMAIL, files: { "src/lib/http.ts": HTTP_TS } });
    expect(found.map((candidate) => candidate.style)).toEqual(["early-response"]);
    expect(found[0]!.patternId).toBe("property-of-nullish");
    expect(found[0]!.changes).toHaveLength(1);
    expect(found[0]!.changes[0]!.after).toBe(`import { json, notFound } from "../lib/http.ts";
import type { User } from "../lib/db.ts";
import type { Context, Router } from "../lib/router.ts";

// Support staff see who a customer is without seeing the full address.
function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return \`\${local.slice(0, 1)}***@\${domain}\`;
}

function toUserView(user: User) {
  return { id: user.id, name: user.name, plan: user.plan, memberSince: user.createdAt };
}

function listUsers(_request: Request, ctx: Context): Response {
  const email = ctx.url.searchParams.get("email");
  const users = [...ctx.db.users.values()].filter((user) => !email || user.email === email.toLowerCase());
  return json({ users: users.map(toUserView) });
}

function getUser(_request: Request, ctx: Context): Response {
  const user = ctx.db.users.get(ctx.params.id);
  if (!user) return notFound("user");
  const email = maskEmail(user.email);
  return json({ ...toUserView(user), email });
}

function listUserOrders(_request: Request, ctx: Context): Response {
  const user = ctx.db.users.get(ctx.params.id);
  if (!user) return notFound("user");
  const orders = [...ctx.db.orders.values()].filter((order) => order.userId === user.id);
  return json({ userId: user.id, orders });
}

export function userRoutes(router: Router): void {
  router.add("GET", "/users", listUsers);
  router.add("GET", "/users/:id", getUser);
  router.add("GET", "/users/:id/orders", listUserOrders);
}
`);
    expect(found[0]!.summary).toContain('if (!user) return notFound("user")');
    expect(found[0]!.expectation).toMatchObject({ outcome: "answers", status: 404 });
  });

  it("finds the same guard without reading the helper module: the sibling sits in a handler registered with the router", async () => {
    const found = await candidates({ file: "src/routes/users.ts", source: USERS_TS, marker: "maskEmail(user.email)", message: READING_EMAIL });
    expect(found[0]!.changes[0]!.after).toContain('  const user = ctx.db.users.get(ctx.params.id);\n  if (!user) return notFound("user");\n  const email = maskEmail(user.email);');
  });

  it("renames the record in a sibling's literal when it names the sibling's own record (order → product)", async () => {
    const source = `import { json, notFound } from "../lib/http.ts";
import type { Context, Router } from "../lib/router.ts";

function getOrder(_request: Request, ctx: Context): Response {
  const order = ctx.db.orders.get(ctx.params.id);
  if (!order) {
    return notFound("order");
  }
  return json(order);
}

function getProduct(_request: Request, ctx: Context): Response {
  const product = ctx.db.products.get(ctx.params.id);
  return json({ id: product.id, name: product.name });
}

export function routes(router: Router): void {
  router.add("GET", "/orders/:id", getOrder);
  router.add("GET", "/products/:id", getProduct);
}
`;
    const [best] = await candidates({ file: "src/routes/shop.ts", source, marker: "id: product.id", message: "Cannot read properties of undefined (reading 'id')", files: { "src/lib/http.ts": HTTP_TS } });
    expect(best!.style).toBe("early-response");
    expect(best!.changes[0]!.after).toBe(
      source.replace(
        "  const product = ctx.db.products.get(ctx.params.id);\n",
        '  const product = ctx.db.products.get(ctx.params.id);\n  if (!product) {\n    return notFound("product");\n  }\n',
      ),
    );
  });

  it("does not copy a sibling's literal that names something else; it calls the status helper with its own message instead", async () => {
    const http = `export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function notFound(message: string): Response {
  return json({ error: "not_found", message }, 404);
}
`;
    const source = `import { json, notFound } from "./http.ts";

export async function getOrder(request: Request, ctx: Ctx): Promise<Response> {
  const order = await ctx.db.orders.findById(ctx.params.id);
  if (!order) return notFound("nothing here");
  return json(order);
}

export async function getInvoice(request: Request, ctx: Ctx): Promise<Response> {
  const invoice = await ctx.db.invoices.findById(ctx.params.id);
  return json({ total: invoice.total });
}
`;
    const [best] = await candidates({ file: "src/invoices.ts", source, marker: "invoice.total", message: "Cannot read properties of null (reading 'total')", files: { "src/http.ts": http } });
    expect(best!.changes[0]!.after).toBe(
      source.replace("  const invoice = await ctx.db.invoices.findById(ctx.params.id);\n", '  const invoice = await ctx.db.invoices.findById(ctx.params.id);\n  if (!invoice) return notFound("invoice not found");\n'),
    );
  });

  it("answers with the imported json(body, 404) helper when the file has no not-found guard and no notFound helper", async () => {
    const http = `export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
`;
    const source = `import { json } from "../lib/http.js";
import type { Context } from "../lib/router.js";

export function getCustomer(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return json({ error: "sign in first" }, 401);
  const customer = ctx.db.customers.get(ctx.params.id);
  return json({ id: customer.id, email: customer.email });
}
`;
    const found = await candidates({ file: "src/routes/customers.ts", source, marker: "customer.email", message: READING_EMAIL, files: { "src/lib/http.ts": http } });
    // The sibling's json(…, 401) rewritten for 404; customer?.email would answer 200 without an email.
    expect(found.map((candidate) => candidate.style)).toEqual(["early-response"]);
    expect(found[0]!.changes[0]!.after).toBe(`import { json } from "../lib/http.js";
import type { Context } from "../lib/router.js";

export function getCustomer(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return json({ error: "sign in first" }, 401);
  const customer = ctx.db.customers.get(ctx.params.id);
  if (!customer) return json({ error: "customer not found" }, 404);
  return json({ id: customer.id, email: customer.email });
}
`);
  });

  it("writes { error: code, message } with json(...) when the file's error bodies pair a code with a message", async () => {
    // A sibling answers another situation with json({ error: "gone", message }, 410).
    const source = USERS_TS.replace('import { json, notFound } from "../lib/http.ts";', 'import { json } from "../lib/http.ts";').replace('  if (!user) return notFound("user");\n', '  if (!ctx.params.id) return json({ error: "gone", message: "no such user" }, 410);\n');
    const found = await candidates({ file: "src/routes/users.ts", source, marker: "maskEmail(user.email)", message: READING_EMAIL, files: { "src/lib/http.ts": HTTP_TS } });
    // notFound is exported by the module the file imports from: a helper named for the status beats rewriting another status's answer.
    expect(found[0]!.changes[0]!.after).toContain('import { json, notFound } from "../lib/http.ts";');
    expect(found[0]!.changes[0]!.after).toContain('  const user = ctx.db.users.get(ctx.params.id);\n  if (!user) return notFound("user");\n');
    expect(found[0]!.rank.fit).toBe(0.9);

    const withoutNotFound = HTTP_TS.replace(/export function notFound[\s\S]*?\n}\n\n/, "");
    const [best] = await candidates({ file: "src/routes/users.ts", source, marker: "maskEmail(user.email)", message: READING_EMAIL, files: { "src/lib/http.ts": withoutNotFound } });
    expect(best!.changes[0]!.after).toContain('  const user = ctx.db.users.get(ctx.params.id);\n  if (!user) return json({ error: "not_found", message: "user not found" }, 404);\n  const email = maskEmail(user.email);');
  });

  it("copies a sibling's own test and answer for the same lookup, status and words included", async () => {
    const source = USERS_TS.replace('import { json, notFound } from "../lib/http.ts";', 'import { json } from "../lib/http.ts";').replace('  if (!user) return notFound("user");\n', '  if (user === undefined) return json({ error: "gone", message: "no such user" }, 410);\n');
    const [best] = await candidates({ file: "src/routes/users.ts", source, marker: "maskEmail(user.email)", message: READING_EMAIL, files: { "src/lib/http.ts": HTTP_TS } });
    expect(best!.changes[0]!.after).toContain('  const user = ctx.db.users.get(ctx.params.id);\n  if (user === undefined) return json({ error: "gone", message: "no such user" }, 410);\n  const email = maskEmail(user.email);');
    expect(best!.expectation).toMatchObject({ outcome: "answers", status: 410, bodyKeys: ["error", "message"] });
  });

  it("builds a Response like the file's own when it has no helpers (typed Request handler registered with a custom router)", async () => {
    const source = `import { createRouter } from "./router.ts";

const router = createRouter();

async function getUser(request: Request, params: { id: string }) {
  const user = await store.users.findById(params.id);
  return new Response(JSON.stringify({ email: user.email }), { headers: { "content-type": "application/json" } });
}

router.add("GET", "/users/:id", getUser);
export default router;
`;
    const [best] = await candidates({ file: "src/app.ts", source, marker: "email: user.email", message: READING_EMAIL });
    expect(best!.style).toBe("early-response");
    expect(best!.changes[0]!.after).toBe(
      source.replace(
        "  const user = await store.users.findById(params.id);\n",
        '  const user = await store.users.findById(params.id);\n  if (!user) return new Response(JSON.stringify({ error: "user not found" }), { status: 404, headers: { "content-type": "application/json" } });\n',
      ),
    );
  });

  it("answers 400 with the file's badRequest helper when a search param the client should send is missing", async () => {
    const source = `import { badRequest, json } from "../lib/http.ts";

export async function search(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = url.searchParams.get("q");
  return json({ q: q.trim() });
}
`;
    const [best] = await candidates({ file: "src/routes/search.ts", source, marker: "q.trim()", message: "Cannot read properties of null (reading 'trim')", files: { "src/lib/http.ts": HTTP_TS } });
    expect(best!.style).toBe("early-response");
    expect(best!.changes[0]!.after).toBe(source.replace("  return json({ q: q.trim() });", '  if (q == null) return badRequest("q is required");\n  return json({ q: q.trim() });'));
  });
});

describe("sibling guards are reused only where returning answers the request", () => {
  it("keeps Express's res.status(404).json() even when another Express handler returns a helper call after its lookup", async () => {
    const source = `import { fail } from "./errors.js";

router.get("/orders/:id", async (req, res) => {
  const order = await db.orders.findById(req.params.id);
  if (!order) return fail("order");
  res.json(order);
});

router.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  if (req.query.full) return res.status(400).json({ error: "full is not supported" });
  res.json({ email: user.email });
});
`;
    const [best] = await candidates({ file: "src/routes.js", source, marker: "email: user.email", message: READING_EMAIL });
    expect(best!.changes[0]!.after).toBe(
      source.replace("  const user = await db.users.findById(req.params.id);\n", '  const user = await db.users.findById(req.params.id);\n  if (!user) return res.status(404).json({ error: "user not found" });\n'),
    );
  });
});

describe("property-of-nullish outside handlers, next to fetch-style handlers", () => {
  it("keeps optional chaining and an early return for a library function in a file whose handlers use response helpers", async () => {
    const source = `import { json } from "../lib/http.ts";
import type { Context, Router } from "../lib/router.ts";
import type { User } from "../lib/db.ts";

export function emailDomain(users: Map<string, User>, id: string): string | undefined {
  const user = users.get(id);
  return user.email.split("@")[1];
}

function listDomains(_request: Request, ctx: Context): Response {
  return json([...ctx.db.users.keys()].map((id) => emailDomain(ctx.db.users, id)));
}

export function domainRoutes(router: Router): void {
  router.add("GET", "/domains", listDomains);
}
`;
    const found = await candidates({ file: "src/routes/domains.ts", source, marker: "user.email.split", message: READING_EMAIL, files: { "src/lib/http.ts": HTTP_TS } });
    // The function's own "nothing" (its type allows undefined) ranks above optional chaining.
    expect(found.map((candidate) => candidate.style)).toEqual(["early-return", "optional-chaining"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace('  return user.email.split("@")[1];', '  if (user == null) return undefined;\n  return user.email.split("@")[1];'));
    expect(found[1]!.changes[0]!.after).toBe(source.replace('return user.email.split("@")[1];', 'return user?.email.split("@")[1];'));
  });

  it("never patches inside a response helper: a function returning a Response that takes no request is not a handler", async () => {
    const source = `export function notFound(what: string, labels: Map<string, string>): Response {
  const label = labels.get(what);
  return new Response(JSON.stringify({ error: \`\${label.toLowerCase()} not found\` }), { status: 404 });
}
`;
    const found = await candidates({ file: "src/lib/http.ts", source, marker: "label.toLowerCase", message: "Cannot read properties of undefined (reading 'toLowerCase')" });
    expect(found).toEqual([]);
  });

  it("never answers with a Response from an untyped JavaScript helper whose argument is a message", async () => {
    const source = `export function badRequest(message, details) {
  const first = details.errors[0];
  return new Response(JSON.stringify({ message, field: first.path }), { status: 400 });
}
`;
    const found = await candidates({ file: "src/http.js", source, marker: "details.errors[0]", message: "Cannot read properties of undefined (reading 'errors')" });
    expect(found.map((candidate) => candidate.style)).not.toContain("early-response");
  });
});

describe("json-parse-body in fetch-style handlers", () => {
  const JSON_MESSAGE = "Expected property name or '}' in JSON at position 1";

  it("wraps shop-api's createOrder parse in try/catch answering badRequest(...), added to the existing ../lib/http.ts import", async () => {
    const found = await candidates({ file: "src/routes/orders.ts", source: ORDERS_TS, marker: "JSON.parse(await request.text())", type: "SyntaxError", message: JSON_MESSAGE, files: { "src/lib/http.ts": HTTP_TS } });
    // badRequest first (a helper named for the status); then the handler's own json({ error, message }, 401) rewritten for 400.
    expect(found.map((candidate) => candidate.rank.fit)).toEqual([0.9, 0.88]);
    expect(found[1]!.changes[0]!.after).toContain('    return json({ error: "bad_request", message: "request body must be valid JSON" }, 400);');
    expect(found[0]!.style).toBe("json-400");
    expect(found[0]!.changes[0]!.after).toBe(`import { badRequest, json, notFound, unprocessable } from "../lib/http.ts";
import { discountedTotal, formatPrice, subtotal } from "../lib/money.ts";
import { findShortages, reserveStock } from "../lib/inventory.ts";
import type { Order, OrderLine } from "../lib/db.ts";
import type { Context, Router } from "../lib/router.ts";

interface OrderInput {
  items: Array<{ productId: string; quantity?: number }>;
  couponCode?: string;
}

function unauthorized(): Response {
  return json({ error: "unauthorized", message: "sign in to see or place orders" }, 401);
}

function toOrderView(order: Order) {
  return { ...order, total: formatPrice(order.totalCents, order.currency) };
}

async function createOrder(request: Request, ctx: Context): Promise<Response> {
  if (!ctx.userId) return unauthorized();
  let input: OrderInput;
  try {
    input = JSON.parse(await request.text()) as OrderInput;
  } catch {
    return badRequest("request body must be valid JSON");
  }
  if (!Array.isArray(input.items) || input.items.length === 0) {
    return unprocessable("items must be a non-empty array");
  }

  const lines: OrderLine[] = [];
  for (const item of input.items) {
    const product = ctx.db.products.get(String(item.productId));
    if (!product) return unprocessable(\`unknown product \${item.productId}\`);
    const quantity = item.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1) return unprocessable("quantity must be a positive integer");
    lines.push({ productId: product.id, quantity, unitPriceCents: product.salePriceCents ?? product.priceCents });
  }

  const shortages = findShortages(ctx.db, lines);
  if (shortages.length > 0) {
    return json({ error: "out_of_stock", message: "some items are sold out", productIds: shortages }, 409);
  }

  let totalCents = subtotal(lines);
  let couponCode: string | null = null;
  if (input.couponCode) {
    couponCode = input.couponCode.trim().toUpperCase();
    const discount = ctx.db.coupons.get(couponCode);
    if (!discount) return unprocessable(\`unknown coupon \${input.couponCode}\`);
    totalCents = discountedTotal(lines, discount);
  }

  reserveStock(ctx.db, lines);
  const order: Order = {
    id: ctx.db.nextOrderId(),
    userId: ctx.userId,
    lines,
    couponCode,
    totalCents,
    currency: "EUR",
    status: "placed",
    createdAt: new Date().toISOString(),
  };
  ctx.db.orders.set(order.id, order);
  return json(toOrderView(order), 201, { location: \`/orders/\${order.id}\` });
}

function getOrder(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return unauthorized();
  const order = ctx.db.orders.get(ctx.params.id);
  // Someone else's order is reported as missing so ids cannot be probed.
  if (!order || order.userId !== ctx.userId) return notFound("order");
  return json(toOrderView(order));
}

function cancelOrder(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return unauthorized();
  const order = ctx.db.orders.get(ctx.params.id);
  if (!order || order.userId !== ctx.userId) return notFound("order");
  if (order.status !== "placed") return json({ error: "conflict", message: \`order is already \${order.status}\` }, 409);
  order.status = "cancelled";
  for (const line of order.lines) {
    const product = ctx.db.products.get(line.productId);
    if (product) product.stock += line.quantity;
  }
  return json(toOrderView(order));
}

export function orderRoutes(router: Router): void {
  router.add("POST", "/orders", createOrder);
  router.add("GET", "/orders/:id", getOrder);
  router.add("POST", "/orders/:id/cancel", cancelOrder);
}
`);
  });

  it("uses badRequest as it is when the file already imports it", async () => {
    const source = ORDERS_TS.replace("import { json, notFound, unprocessable }", "import { badRequest, json, notFound, unprocessable }");
    const [fix] = await candidates({ file: "src/routes/orders.ts", source, marker: "JSON.parse(await request.text())", type: "SyntaxError", message: JSON_MESSAGE, files: { "src/lib/http.ts": HTTP_TS } });
    expect(fix!.changes[0]!.after).toBe(
      source.replace(
        "  const input = JSON.parse(await request.text()) as OrderInput;\n",
        '  let input: OrderInput;\n  try {\n    input = JSON.parse(await request.text()) as OrderInput;\n  } catch {\n    return badRequest("request body must be valid JSON");\n  }\n',
      ),
    );
  });

  it("falls back to json({ error, message }, 400) when the helpers module exports no badRequest", async () => {
    const withoutBadRequest = HTTP_TS.replace(/export function badRequest[\s\S]*?\n}\n\n/, "");
    const [fix] = await candidates({ file: "src/routes/orders.ts", source: ORDERS_TS, marker: "JSON.parse(await request.text())", type: "SyntaxError", message: JSON_MESSAGE, files: { "src/lib/http.ts": withoutBadRequest } });
    const after = fix!.changes[0]!.after!;
    expect(after).toContain('import { json, notFound, unprocessable } from "../lib/http.ts";');
    expect(after).toContain('  } catch {\n    return json({ error: "bad_request", message: "request body must be valid JSON" }, 400);\n  }\n');
  });

  it("falls back to new Response(...) for a typed Request handler with no helpers, typing the hoisted let from the cast", async () => {
    const source = `type Signup = { email: string };

export async function signup(req: Request): Promise<Response> {
  const input = JSON.parse(await req.text()) as Signup;
  const saved = await saveSignup(input.email);
  return new Response(JSON.stringify(saved), { status: 201, headers: { "content-type": "application/json" } });
}
`;
    const [fix] = await candidates({ file: "src/signup.ts", source, marker: "JSON.parse", type: "SyntaxError", message: JSON_MESSAGE });
    expect(fix!.changes[0]!.after).toBe(`type Signup = { email: string };

export async function signup(req: Request): Promise<Response> {
  let input: Signup;
  try {
    input = JSON.parse(await req.text()) as Signup;
  } catch {
    return new Response(JSON.stringify({ error: "invalid JSON body" }), { status: 400, headers: { "content-type": "application/json" } });
  }
  const saved = await saveSignup(input.email);
  return new Response(JSON.stringify(saved), { status: 201, headers: { "content-type": "application/json" } });
}
`);
  });

  it("declines a body-reading helper that takes a request but declares a non-Response result (its callers handle the error)", async () => {
    const source = `export async function readBody<T>(request: Request): Promise<T> {
  const value = JSON.parse(await request.text()) as T;
  return value;
}
`;
    expect(await candidates({ file: "src/lib/body.ts", source, marker: "JSON.parse", type: "SyntaxError", message: JSON_MESSAGE })).toEqual([]);
  });
});
