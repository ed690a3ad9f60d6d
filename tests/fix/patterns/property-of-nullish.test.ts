import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { generateFixCandidates, proposeFixes } from "../../../src/fix/pattern-library.ts";
import { propertyOfNullishPattern } from "../../../src/fix/patterns/property-of-nullish.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function candidates(file: string, source: string, marker: string, message: string, column: number | null = null) {
  const ctx = fixContext({ file, source, line: lineOf(source, marker), column, message });
  const found = await generateFixCandidates(ctx);
  for (const candidate of found) {
    for (const change of candidate.changes) expect(parsesCleanly(change.path, change.after ?? "")).toBe(true);
  }
  return found;
}

describe("property-of-nullish in request handlers", () => {
  it("answers 404 after an Express lookup, reusing the file's res.status().json() idiom and error key", async () => {
    const source = `import express from "express";
import { db } from "../db.ts";

export const router = express.Router();

router.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.json({ email: user.email });
});

router.post("/users", async (req, res) => {
  if (!req.body) {
    return res.status(400).json({ message: "missing body" });
  }
  res.status(201).json(await db.users.create(req.body));
});
`;
    const [best, next] = await candidates("src/routes/users.ts", source, "user.email", "Cannot read properties of undefined (reading 'email')");
    expect(best!.style).toBe("early-response");
    // The sibling's returned res.status(400).json({ message }) is the model, rewritten for 404, braced as it is.
    expect(best!.baseConfidence).toBe(0.886);
    expect(best!.rank.fit).toBe(0.88);
    expect(best!.expectation).toMatchObject({ outcome: "answers", status: 404, bodyKeys: ["message"] });
    expect(best!.changes[0]!.after).toBe(
      source.replace(
        "  const user = await db.users.findById(req.params.id);\n",
        '  const user = await db.users.findById(req.params.id);\n  if (!user) {\n    return res.status(404).json({ message: "user not found" });\n  }\n',
      ),
    );
    expect(best!.rootCause).toContain("src/routes/users.ts:8");
    // res.json({ email: user?.email }) would answer 200 with no email: refused, never tried.
    expect(next?.style).not.toBe("optional-chaining");
    const { dropped } = await proposeFixes(fixContext({ file: "src/routes/users.ts", source, line: lineOf(source, "user.email"), message: "Cannot read properties of undefined (reading 'email')" }));
    expect(dropped.map((item) => [item.candidate.style, item.problems[0]!.rule])).toEqual([["optional-chaining", "optional-flows-safely"]]);
  });

  it("answers 404 in a Next.js route handler with NextResponse.json, keeping single quotes and no semicolons", async () => {
    const source = `import { NextResponse } from 'next/server'
import { prisma } from '@/lib/prisma'

export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await prisma.user.findUnique({ where: { id: params.id } })
  return NextResponse.json({ name: user.name })
}
`;
    const [best] = await candidates("app/api/users/[id]/route.ts", source, "user.name", "Cannot read properties of null (reading 'name')");
    expect(best!.changes[0]!.after).toBe(`import { NextResponse } from 'next/server'
import { prisma } from '@/lib/prisma'

export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await prisma.user.findUnique({ where: { id: params.id } })
  if (!user) return NextResponse.json({ error: 'user not found' }, { status: 404 })
  return NextResponse.json({ name: user.name })
}
`);
  });

  it("answers 404 in a Deno.serve Supabase function with a Response built like the handler's own, CORS headers included", async () => {
    const source = `import { createClient } from "jsr:@supabase/supabase-js@2";
import { corsHeaders } from "../_shared/cors.ts";

Deno.serve(async (req) => {
  if (req.method === "OPTIONS") {
    return new Response("ok", { headers: corsHeaders });
  }
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);
  const { id } = await req.json();
  const { data: profile } = await supabase.from("profiles").select("*").eq("id", id).maybeSingle();
  return new Response(JSON.stringify({ name: profile.display_name }), {
    headers: { ...corsHeaders, "Content-Type": "application/json" },
  });
});
`;
    const [best] = await candidates("supabase/functions/profile/index.ts", source, "profile.display_name", "Cannot read properties of null (reading 'display_name')");
    expect(best!.style).toBe("early-response");
    expect(best!.changes[0]!.after).toBe(
      source.replace(
        '.maybeSingle();\n',
        '.maybeSingle();\n  if (!profile) return new Response(JSON.stringify({ error: "profile not found" }), { status: 404, headers: { ...corsHeaders, "Content-Type": "application/json" } });\n',
      ),
    );
  });

  it("answers 404 in a node:http handler with writeHead/end in a braced block (CommonJS, no semicolons)", async () => {
    const source = `const http = require('http')
const orders = new Map()

const server = http.createServer((req, res) => {
  const id = req.url.split('/').pop()
  const order = orders.get(id)
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ total: order.total }))
})

server.listen(3000)
`;
    const [best] = await candidates("server.js", source, "order.total", "Cannot read properties of undefined (reading 'total')");
    expect(best!.changes[0]!.after).toBe(`const http = require('http')
const orders = new Map()

const server = http.createServer((req, res) => {
  const id = req.url.split('/').pop()
  const order = orders.get(id)
  if (!order) {
    res.writeHead(404, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ error: 'order not found' }))
    return
  }
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ total: order.total }))
})

server.listen(3000)
`);
  });

  it("answers 400 before the read when the missing value comes from the request, mirroring responses that are not returned", async () => {
    const source = `app.post("/orders", (req, res) => {
  const total = req.body.cart.total;
  res.status(201).json({ total });
});
`;
    const [best] = await candidates("src/app.js", source, "cart.total", "Cannot read properties of undefined (reading 'total')");
    expect(best!.style).toBe("early-response");
    // Only a missing cart is refused: the guard tests for null or undefined, as the crash did.
    expect(best!.changes[0]!.after).toBe(`app.post("/orders", (req, res) => {
  if (req.body.cart == null) {
    res.status(400).json({ error: "cart is required" });
    return;
  }
  const total = req.body.cart.total;
  res.status(201).json({ total });
});
`);
  });

  it("keeps a handler whose responses are not returned in that shape: respond, then return", async () => {
    const source = `export async function show(req: Request, res: Response): Promise<void> {
  const item = await store.get(req.params.id);
  res.status(200).json({ title: item.title });
}
`;
    const [best] = await candidates("src/items.ts", source, "item.title", "Cannot read properties of undefined (reading 'title')");
    expect(best!.changes[0]!.after).toBe(`export async function show(req: Request, res: Response): Promise<void> {
  const item = await store.get(req.params.id);
  if (!item) {
    res.status(404).json({ error: "item not found" });
    return;
  }
  res.status(200).json({ title: item.title });
}
`);
  });

  it("answers 404 in a Hono handler with c.json(body, status), taking the error key from the file's other handler", async () => {
    const source = `import { Hono } from "hono";
const app = new Hono();
app.get("/books/:id", async (c) => {
  const book = await books.findById(c.req.param("id"));
  return c.json({ title: book.title });
});
app.post("/books", async (c) => {
  const { title } = await c.req.json();
  if (!title) return c.json({ message: "title required" }, 400);
  return c.json(await books.create(title), 201);
});
export default app;
`;
    const [best] = await candidates("src/index.ts", source, "book.title", "Cannot read properties of undefined (reading 'title')");
    expect(best!.changes[0]!.after).toBe(source.replace('  return c.json({ title: book.title });', '  if (!book) return c.json({ message: "book not found" }, 404);\n  return c.json({ title: book.title });'));
  });

  it("answers 400 with Response.json in a Next.js route when a search param is missing", async () => {
    const source = `export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const q = searchParams.get("q");
  return Response.json(await search(q.trim()));
}
`;
    const found = await candidates("app/api/search/route.ts", source, "q.trim", "Cannot read properties of null (reading 'trim')");
    expect(found.map((item) => item.style)).toEqual(["early-response"]);
    // searchParams.get gives "" for ?q= and null without it: only null is refused.
    expect(found[0]!.changes[0]!.after).toBe(source.replace("  return Response.json(await search", '  if (q == null) return Response.json({ error: "q is required" }, { status: 400 });\n  return Response.json(await search'));
  });

  it("never proposes a bare early return inside a handler (the request would hang)", async () => {
    const source = `app.get("/a", (req, res) => {
  const settings = loadSettings();
  res.send(settings.theme.color);
});
`;
    const found = await candidates("src/a.js", source, "theme.color", "Cannot read properties of undefined (reading 'color')");
    expect(found.map((item) => item.style)).not.toContain("early-return");
  });
});

describe("property-of-nullish in library code", () => {
  it("proposes the function's own undefined early and optional chaining on the nullish link only (user.profile?.email), where every later use only tests it", async () => {
    const source = `export interface User {
  name: string;
  profile?: { email: string };
}

export function contactLine(user: User): string | undefined {
  const email = user.profile.email;
  if (!email) return undefined;
  return \`\${user.name} <\${email}>\`;
}
`;
    const [first, second] = await candidates("src/lib/format.ts", source, "user.profile.email", "Cannot read properties of undefined (reading 'email')");
    // The function's existing "nothing" ranks above optional chaining, which changes what flows on.
    expect(first!.style).toBe("early-return");
    expect(first!.changes[0]!.after).toBe(source.replace("  const email = user.profile.email;", "  if (user.profile == null) return undefined;\n  const email = user.profile.email;"));
    expect(first!.expectation).toEqual({ outcome: "returns", value: "undefined", description: "returns the function's existing not-found value (undefined)" });
    expect(second!.style).toBe("optional-chaining");
    expect(second!.changes[0]!.after).toBe(source.replace("const email = user.profile.email;", "const email = user.profile?.email;"));
  });

  it("returns null early when the function's declared type is T | null", async () => {
    const source = `export function findName(users: Map<string, { name: string }>, id: string): string | null {
  const user = users.get(id);
  return user.name;
}
`;
    const found = await candidates("src/lib/names.ts", source, "user.name", "Cannot read properties of undefined (reading 'name')");
    expect(found.map((item) => item.style)).toEqual(["early-return"]);
    expect(found[0]!.changes[0]!.after).toBe(`export function findName(users: Map<string, { name: string }>, id: string): string | null {
  const user = users.get(id);
  if (user == null) return null;
  return user.name;
}
`);
  });

  it("returns an empty array early when the function returns an array", async () => {
    const source = `function tagsOf(post) {
  if (!post) return [];
  const meta = post.meta;
  return meta.tags.map((tag) => tag.toLowerCase());
}
`;
    const found = await candidates("lib/tags.js", source, "meta.tags", "Cannot read properties of undefined (reading 'tags')");
    expect(found.map((item) => item.style)).toEqual(["early-return"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace("  return meta.tags", "  if (meta == null) return [];\n  return meta.tags"));
  });

  it("returns nothing early from a void function where passing undefined on would be wrong", async () => {
    const source = `function notify(order) {
  const customer = order.customer;
  sendEmail(customer.email, "shipped");
}
`;
    const found = await candidates("lib/notify.js", source, "customer.email", "Cannot read properties of undefined (reading 'email')");
    expect(found.map((item) => item.style)).toEqual(["early-return"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace("  sendEmail(", "  if (customer == null) return;\n  sendEmail("));
  });

  it("uses the column to pick among two reads of the same property on one line", async () => {
    const source = `function label(a, b) {
  if (a.info.name === b.info.name) return "same";
  return "different";
}
`;
    // V8 column of the second `.name` (1-based).
    const column = source.split("\n")[1]!.lastIndexOf("name") + 1;
    const [best] = await candidates("lib/label.js", source, "b.info.name", "Cannot read properties of undefined (reading 'name')", column);
    expect(best!.style).toBe("optional-chaining");
    expect(best!.changes[0]!.after).toContain("if (a.info.name === b.info?.name)");
  });

  it("declines when a typed, required parameter arrives undefined (the caller is wrong) and undefined cannot flow on", async () => {
    const source = `export function priceOf(item: Item): number {
  return item.price * 1.2;
}
`;
    const ctx = fixContext({ file: "src/price.ts", source, line: 2, message: "Cannot read properties of undefined (reading 'price')" });
    expect(await propertyOfNullishPattern.generate(ctx)).toEqual([]);
  });

  it("declines when neither undefined can flow on nor an honest early return exists (return type string): the optional chain is refused with its reason", async () => {
    const source = `export function localeOf(config: { settings?: { locale: string } }): string {
  return config.settings.locale;
}
`;
    const ctx = fixContext({ file: "src/locale.ts", source, line: 2, message: "Cannot read properties of undefined (reading 'locale')" });
    const { candidates: sound, dropped } = await proposeFixes(ctx);
    expect(sound).toEqual([]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.reason).toContain("returned where the function's type promises a value");
  });

  it("declines an untyped parameter read whose value is returned to callers that never got undefined", async () => {
    const source = `export function title(page) {
  return page.title;
}
`;
    const ctx = fixContext({ file: "lib/title.js", source, line: 2, message: "Cannot read properties of undefined (reading 'title')" });
    const { candidates: sound, dropped } = await proposeFixes(ctx);
    expect(sound).toEqual([]);
    expect(dropped.map((item) => item.candidate.style)).toEqual(["optional-chaining"]);
    expect(dropped.every((item) => item.problems.every((problem) => problem.rule === "optional-flows-safely"))).toBe(true);
  });

  it("declines when the message's property is not read on the culprit line", async () => {
    const source = `const a = 1;\nconst b = a + 1;\n`;
    const ctx = fixContext({ file: "x.js", source, line: 2, message: "Cannot read properties of undefined (reading 'zzz')" });
    expect(await propertyOfNullishPattern.generate(ctx)).toEqual([]);
  });
});
