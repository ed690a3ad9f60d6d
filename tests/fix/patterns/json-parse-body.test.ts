import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { jsonParseBodyPattern } from "../../../src/fix/patterns/json-parse-body.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function generate(file: string, source: string, marker: string) {
  const ctx = fixContext({ file, source, line: lineOf(source, marker), type: "SyntaxError", message: "Unexpected token } in JSON at position 10" });
  const found = await jsonParseBodyPattern.generate(ctx);
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("json-parse-body", () => {
  it("wraps `await req.json()` in a Deno.serve handler so a bad body gets a 400 Response like the handler's", async () => {
    const source = `Deno.serve(async (req: Request) => {
  const body = await req.json();
  const saved = await save(body);
  return new Response(JSON.stringify(saved), { status: 201, headers: { "Content-Type": "application/json" } });
});
`;
    const [fix] = await generate("supabase/functions/save/index.ts", source, "req.json()");
    expect(fix!.style).toBe("json-400");
    // Modelled on the handler's own Response (not a named helper, not another exit of the code).
    expect(fix!.rank.fit).toBe(0.7);
    expect(fix!.baseConfidence).toBe(0.87);
    expect(fix!.changes[0]!.after).toBe(`Deno.serve(async (req: Request) => {
  let body;
  try {
    body = await req.json();
  } catch {
    return new Response(JSON.stringify({ error: "invalid JSON body" }), { status: 400, headers: { "Content-Type": "application/json" } });
  }
  const saved = await save(body);
  return new Response(JSON.stringify(saved), { status: 201, headers: { "Content-Type": "application/json" } });
});
`);
  });

  it("wraps JSON.parse of a body collected from req.on('data') in a node:http handler (4-space indent, CommonJS)", async () => {
    const source = `const http = require("http");

http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
        body += chunk;
    });
    req.on("end", () => {
        const data = JSON.parse(body);
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ok: true, id: data.id }));
    });
}).listen(8080);
`;
    const [fix] = await generate("server.js", source, "JSON.parse");
    expect(fix!.changes[0]!.after).toBe(`const http = require("http");

http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
        body += chunk;
    });
    req.on("end", () => {
        let data;
        try {
            data = JSON.parse(body);
        } catch {
            res.writeHead(400, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ error: "invalid JSON body" }));
            return;
        }
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ ok: true, id: data.id }));
    });
}).listen(8080);
`);
  });

  it("keeps a destructuring and its type by parsing into a fresh name first (Next.js, TypeScript)", async () => {
    const source = `import { NextResponse } from "next/server";

export async function POST(request: Request) {
  const { name, email }: Signup = JSON.parse(await request.text());
  return NextResponse.json(await createUser(name, email), { status: 201 });
}
`;
    const [fix] = await generate("app/api/signup/route.ts", source, "JSON.parse");
    expect(fix!.changes[0]!.after).toBe(`import { NextResponse } from "next/server";

export async function POST(request: Request) {
  let parsedBody;
  try {
    parsedBody = JSON.parse(await request.text());
  } catch {
    return NextResponse.json({ error: "invalid JSON body" }, { status: 400 });
  }
  const { name, email }: Signup = parsedBody;
  return NextResponse.json(await createUser(name, email), { status: 201 });
}
`);
  });

  it("answers with Express's res.status(400).json() for JSON.parse(req.body) on a raw body", async () => {
    const source = `app.post("/hook", express.text(), (req, res) => {
  const event = JSON.parse(req.body);
  return res.json({ received: event.type });
});
`;
    const [fix] = await generate("src/hook.js", source, "JSON.parse");
    expect(fix!.changes[0]!.after).toContain(`  let event;
  try {
    event = JSON.parse(req.body);
  } catch {
    return res.status(400).json({ error: "invalid JSON body" });
  }
`);
  });

  it("declines JSON.parse of a config file, even inside a handler", async () => {
    const source = `app.get("/config", (req, res) => {
  const config = JSON.parse(fs.readFileSync("config.json", "utf8"));
  res.json(config);
});
`;
    expect(await generate("src/config.js", source, "JSON.parse")).toEqual([]);
  });

  it("declines a body parse outside any request handler", async () => {
    const source = `export function decode(body: string) {
  const value = JSON.parse(body);
  return value;
}
`;
    expect(await generate("src/decode.ts", source, "JSON.parse")).toEqual([]);
  });
});
