import { describe, expect, it } from "vitest";
import { MAX_FRAMES, MAX_LINE_LENGTH } from "../../src/ingest/event.ts";
import { framesFromSentry, isInAppPath, parseV8Stack, toRepoPath } from "../../src/ingest/stacktrace.ts";

const NODE_20_STACK = `TypeError: Cannot read properties of undefined (reading 'email')
    at getUser (/var/task/src/users.ts:12:20)
    at async Server.<anonymous> (/var/task/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async handle (/var/task/src/routes/users.ts:30:7)`;

describe("parseV8Stack", () => {
  it("parses a Node 20 stack into Sentry order with the throwing frame last", () => {
    const frames = parseV8Stack(NODE_20_STACK);
    expect(frames).toEqual([
      { file: "src/routes/users.ts", function: "handle", line: 30, column: 7, inApp: true },
      {
        file: "node:internal/process/task_queues",
        function: "process.processTicksAndRejections",
        line: 95,
        column: 5,
        inApp: false,
      },
      {
        file: "node_modules/express/lib/router/layer.js",
        function: "Server.<anonymous>",
        line: 95,
        column: 5,
        inApp: false,
      },
      { file: "src/users.ts", function: "getUser", line: 12, column: 20, inApp: true },
    ]);
  });

  it("skips a multi-line message header before the frames", () => {
    const stack = `Error: upstream said:
at least one item is required
    at createOrder (/app/src/orders.ts:8:11)`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "src/orders.ts", function: "createOrder", line: 8, column: 11, inApp: true },
    ]);
  });

  it("parses a Deno stack with file:// urls and ext: internals", () => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'id')
    at handler (file:///src/main.ts:5:11)
    at ext:deno_http/00_serve.ts:369:24
    at eventLoopTick (ext:core/01_core.js:168:7)`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "ext:core/01_core.js", function: "eventLoopTick", line: 168, column: 7, inApp: false },
      { file: "ext:deno_http/00_serve.ts", function: null, line: 369, column: 24, inApp: false },
      { file: "src/main.ts", function: "handler", line: 5, column: 11, inApp: true },
    ]);
  });

  it("maps Supabase edge runtime paths to supabase/functions", () => {
    const stack = `Error: boom
    at Object.handler (file:///home/deno/functions/send-email/index.ts:14:9)
    at https://deno.land/std@0.168.0/http/server.ts:129:20`;
    const frames = parseV8Stack(stack);
    expect(frames[1]).toMatchObject({ file: "supabase/functions/send-email/index.ts", inApp: true });
    expect(frames[0]).toMatchObject({ file: "std@0.168.0/http/server.ts", inApp: false });
  });

  it("parses a Chrome stack with page urls", () => {
    const stack = `TypeError: Cannot read properties of null (reading 'addEventListener')
    at initMenu (https://app.example.com/static/js/main.3f2a1b9c.js:2:1045)
    at HTMLDocument.<anonymous> (https://app.example.com/static/js/main.3f2a1b9c.js:2:2210)
    at https://cdn.jsdelivr.net/npm/alpinejs@3.13.0/dist/cdn.min.js:1:100`;
    expect(parseV8Stack(stack)).toEqual([
      {
        file: "npm/alpinejs@3.13.0/dist/cdn.min.js",
        function: null,
        line: 1,
        column: 100,
        inApp: false,
      },
      {
        file: "static/js/main.3f2a1b9c.js",
        function: "HTMLDocument.<anonymous>",
        line: 2,
        column: 2210,
        inApp: true,
      },
      { file: "static/js/main.3f2a1b9c.js", function: "initMenu", line: 2, column: 1045, inApp: true },
    ]);
  });

  it("parses a Firefox stack of fn@url:line:col lines", () => {
    const stack = `getUser@https://app.example.com/static/js/main.js:12:20
async*loadProfile@https://app.example.com/static/js/main.js:40:3
@https://app.example.com/static/js/main.js:1:1
render@https://app.example.com/static/js/main.js line 2 > eval:1:1`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "static/js/main.js", function: "render", line: 2, column: null, inApp: true },
      { file: "static/js/main.js", function: null, line: 1, column: 1, inApp: true },
      { file: "static/js/main.js", function: "loadProfile", line: 40, column: 3, inApp: true },
      { file: "static/js/main.js", function: "getUser", line: 12, column: 20, inApp: true },
    ]);
  });

  it("parses a Safari stack with native code and global code frames", () => {
    const stack = `getUser@https://app.example.com/app.js:12:20
forEach@[native code]
global code@https://app.example.com/app.js:90:1`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "app.js", function: "global code", line: 90, column: 1, inApp: true },
      { file: "[native code]", function: "forEach", line: null, column: null, inApp: false },
      { file: "app.js", function: "getUser", line: 12, column: 20, inApp: true },
    ]);
  });

  it("does not read a message that contains an email and port as a Firefox frame", () => {
    expect(parseV8Stack("Error: mail to bob@example.com:25 failed")).toEqual([]);
  });

  it("parses a Next.js webpack-internal stack", () => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'map')
    at GET (webpack-internal:///(rsc)/./app/api/users/route.ts:12:20)
    at async eval (webpack-internal:///(rsc)/./node_modules/next/dist/server/future/route-modules/app-route/module.js:226:37)
    at UserList (webpack-internal:///(ssr)/./src/components/user-list.tsx:9:31)`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "src/components/user-list.tsx", function: "UserList", line: 9, column: 31, inApp: true },
      {
        file: "node_modules/next/dist/server/future/route-modules/app-route/module.js",
        function: "eval",
        line: 226,
        column: 37,
        inApp: false,
      },
      { file: "app/api/users/route.ts", function: "GET", line: 12, column: 20, inApp: true },
    ]);
  });

  it("parses an ESM file:///app/dist stack", () => {
    const stack = `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/app/dist/db.js' imported from /app/dist/server.js
    at finalizeResolution (node:internal/modules/esm/resolve:265:11)
    at file:///app/dist/server.js:3:1
    at ModuleJob.run (node:internal/modules/esm/module_job:195:25)`;
    const frames = parseV8Stack(stack);
    expect(frames.map((f) => [f.file, f.inApp])).toEqual([
      ["node:internal/modules/esm/module_job", false],
      ["dist/server.js", true],
      ["node:internal/modules/esm/resolve", false],
    ]);
  });

  it("parses <anonymous>, new Foo, eval at and Array.map (<anonymous>) frames", () => {
    const stack = `ReferenceError: total is not defined
    at eval (eval at render (/app/src/template.js:3:10), <anonymous>:1:1)
    at Array.map (<anonymous>)
    at new OrderService (/app/src/orders/service.ts:22:15)
    at Object.<anonymous> (/app/src/index.ts:4:1)
    at <anonymous>
    at async Promise.all (index 0)
    at Array.forEach (native)`;
    expect(parseV8Stack(stack)).toEqual([
      { file: "native", function: "Array.forEach", line: null, column: null, inApp: false },
      { file: "index 0", function: "Promise.all", line: null, column: null, inApp: false },
      { file: "<anonymous>", function: null, line: null, column: null, inApp: false },
      { file: "src/index.ts", function: "Object.<anonymous>", line: 4, column: 1, inApp: true },
      { file: "src/orders/service.ts", function: "new OrderService", line: 22, column: 15, inApp: true },
      { file: "<anonymous>", function: "Array.map", line: null, column: null, inApp: false },
      { file: "src/template.js", function: "eval", line: 3, column: 10, inApp: true },
    ]);
  });

  it("stops at a cause's stack printed by util.inspect", () => {
    const stack = `Error: outer
    at outer (/app/src/a.ts:1:1) {
  [cause]: Error: inner
      at inner (/app/src/b.ts:2:2)
}`;
    expect(parseV8Stack(stack).map((f) => f.function)).toEqual(["outer"]);
  });

  it("keeps the MAX_FRAMES frames nearest the throw from a 10,000-frame stack", () => {
    const lines = ["RangeError: Maximum call stack size exceeded"];
    for (let i = 0; i < 10_000; i++) lines.push(`    at recurse${i} (/app/src/tree.ts:${i + 1}:5)`);
    const frames = parseV8Stack(lines.join("\n"));
    expect(frames).toHaveLength(MAX_FRAMES);
    expect(frames[frames.length - 1].function).toBe("recurse0");
    expect(frames[0].function).toBe(`recurse${MAX_FRAMES - 1}`);
  });

  it("truncates a 200 KB single-line stack before parsing it", () => {
    const huge = `    at ${"a".repeat(200_000)} (/app/src/x.ts:1:1)`;
    const frames = parseV8Stack(`Error: x\n${huge}`);
    expect(frames.length).toBeLessThanOrEqual(1);
    for (const frame of frames) {
      expect(frame.file.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
      expect((frame.function ?? "").length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    }
    expect(parseV8Stack(`Error: ${"(".repeat(200_000)}`)).toEqual([]);
  });

  it("returns no frames for an empty or non-stack string", () => {
    expect(parseV8Stack("")).toEqual([]);
    expect(parseV8Stack("just a message")).toEqual([]);
  });
});

describe("framesFromSentry", () => {
  it("maps Sentry frames, keeping their oldest-first order", () => {
    const frames = framesFromSentry([
      { filename: "/app/node_modules/express/lib/router/layer.js", function: "handle", lineno: 95, colno: 5, in_app: false },
      { filename: "/app/src/users.ts", abs_path: "/app/src/users.ts", function: "getUser", lineno: 12, colno: 20, in_app: true },
    ]);
    expect(frames).toEqual([
      { file: "node_modules/express/lib/router/layer.js", function: "handle", line: 95, column: 5, inApp: false },
      { file: "src/users.ts", function: "getUser", line: 12, column: 20, inApp: true },
    ]);
  });

  it("skips junk entries and tolerates missing fields", () => {
    const frames = framesFromSentry([null, 42, "at x", [], {}, { function: "?" }, { filename: "app:///src/a.ts", lineno: "7" }]);
    expect(frames).toEqual([{ file: "src/a.ts", function: null, line: 7, column: null, inApp: true }]);
  });

  it("does not trust in_app: true on a node_modules path, and respects in_app: false", () => {
    const frames = framesFromSentry([
      { filename: "/app/node_modules/pg/lib/client.js", function: "query", in_app: true },
      { filename: "/app/src/vendor/patched.ts", function: "run", in_app: false },
    ]);
    expect(frames.map((f) => f.inApp)).toEqual([false, false]);
  });

  it("keeps the MAX_FRAMES frames nearest the throw (the end of the list)", () => {
    const input = Array.from({ length: 10_000 }, (_, i) => ({ filename: "/app/src/a.ts", function: `f${i}`, lineno: i }));
    const frames = framesFromSentry(input);
    expect(frames).toHaveLength(MAX_FRAMES);
    expect(frames[frames.length - 1].function).toBe("f9999");
    expect(frames[0].function).toBe(`f${10_000 - MAX_FRAMES}`);
  });

  it("cuts long field values to MAX_LINE_LENGTH", () => {
    const [frame] = framesFromSentry([{ filename: `/app/src/${"x".repeat(5000)}.ts`, function: "y".repeat(5000) }]);
    expect(frame.file.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(frame.function?.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
  });
});

describe("toRepoPath", () => {
  it.each([
    ["/var/task/src/users.ts", "src/users.ts"],
    ["/app/src/users.ts", "src/users.ts"],
    ["/app/app/api/users/route.ts", "app/api/users/route.ts"],
    ["/vercel/path0/lib/db.ts", "lib/db.ts"],
    ["/workspace/server.ts", "server.ts"],
    ["/home/runner/work/shop/shop/src/a.ts", "src/a.ts"],
    ["/opt/build/repo/netlify/functions/hello.ts", "netlify/functions/hello.ts"],
    ["/usr/src/app/index.js", "index.js"],
    ["/srv/app/index.js", "index.js"],
    ["/Users/ana/code/shop/src/cart.ts", "src/cart.ts"],
    ["/Users/ana/code/shop/pages/index.tsx", "pages/index.tsx"],
    ["/Users/ana/code/shop/supabase/functions/ingest/index.ts", "supabase/functions/ingest/index.ts"],
    ["/Users/ana/code/shop/server.js", "/Users/ana/code/shop/server.js"],
    ["file:///app/dist/x.js", "dist/x.js"],
    ["file:///src/main.ts", "src/main.ts"],
    ["file:///Users/ana/My%20Shop/src/a.ts", "src/a.ts"],
    ["webpack-internal:///./src/lib/db.ts", "src/lib/db.ts"],
    ["webpack-internal:///(rsc)/./app/page.tsx", "app/page.tsx"],
    ["webpack-internal:///(ssr)/./src/x.ts?abc", "src/x.ts"],
    ["webpack:///./src/a.ts", "src/a.ts"],
    ["webpack://shop/./src/a.ts", "src/a.ts"],
    ["https://app.example.com/static/js/main.js?v=3#x", "static/js/main.js"],
    ["C:\\Users\\ana\\shop\\src\\x.ts", "src/x.ts"],
    ["D:\\a\\shop\\shop\\server.js", "server.js"],
    ["/var/task/.next/server/app/api/users/route.js", ".next/server/app/api/users/route.js"],
    ["/app/node_modules/.pnpm/express@4.19.2/node_modules/express/lib/router.js", "node_modules/.pnpm/express@4.19.2/node_modules/express/lib/router.js"],
    ["node:internal/process/task_queues", "node:internal/process/task_queues"],
    ["ext:deno_http/00_serve.ts", "ext:deno_http/00_serve.ts"],
    ["<anonymous>", "<anonymous>"],
  ])("maps %s to %s", (input, expected) => {
    expect(toRepoPath(input)).toBe(expected);
  });
});

describe("isInAppPath", () => {
  it.each([
    "/app/node_modules/express/lib/router/layer.js",
    "C:\\app\\node_modules\\x\\index.js",
    "node:internal/process/task_queues",
    "node:events",
    "internal/process/next_tick.js",
    "ext:deno_http/00_serve.ts",
    "deno:runtime/js/99_main.js",
    "<anonymous>",
    "native",
    "[native code]",
    "https://deno.land/std@0.168.0/http/server.ts",
    "https://esm.sh/zod@3.22.4",
    "jsr:@std/http",
    "chrome-extension://abcdefgh/content.js",
    "/root/.cache/deno/npm/registry.npmjs.org/zod/3.22.4/lib/index.mjs",
    "/var/task/.next/server/webpack-runtime.js",
  ])("treats %s as not in-app", (path) => {
    expect(isInAppPath(path)).toBe(false);
  });

  it.each([
    "/var/task/src/users.ts",
    "file:///src/main.ts",
    "webpack-internal:///(rsc)/./app/api/users/route.ts",
    "https://app.example.com/static/js/main.js",
    "src/native-bridge.ts",
    "/var/task/.next/server/app/api/users/route.js",
  ])("treats %s as in-app", (path) => {
    expect(isInAppPath(path)).toBe(true);
  });
});
