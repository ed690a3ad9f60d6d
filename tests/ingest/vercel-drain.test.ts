import { describe, expect, it } from "vitest";
import { BodyParseError } from "../../src/ingest/batch.ts";
import { findStackError, parseVercelDrain } from "../../src/ingest/vercel-drain.ts";

const receivedAt = new Date("2024-05-01T12:00:00Z");
const ts = Date.parse("2024-05-01T11:59:00Z");
const requestId = "643af4e3-975a-4cc7-9e7a-1eda11539d90";

// Field names and shapes as in https://vercel.com/docs/drains/reference/logs.
function line(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "1573817187330377061717300000",
    message: "",
    timestamp: ts,
    type: "stdout",
    source: "lambda",
    projectId: "gdufoJxB6b9b1fEqr1jUtFkyavUU",
    deploymentId: "dpl_233NRGRjVZX1caZrXWtz5g1TAksD",
    host: "my-app-abc123.vercel.app",
    path: "/api/users/[id]",
    entrypoint: "api/users/[id].ts",
    statusCode: 200,
    requestId,
    level: "info",
    environment: "production",
    branch: "main",
    executionRegion: "iad1",
    proxy: {
      timestamp: ts - 10,
      method: "GET",
      scheme: "https",
      host: "shop.example.com",
      path: "/api/users/42?expand=1",
      userAgent: ["Mozilla/5.0 (X11; Linux x86_64)"],
      referer: "https://shop.example.com/",
      statusCode: 200,
      clientIp: "203.0.113.7",
      region: "iad1",
      vercelCache: "MISS",
    },
    ...overrides,
  };
}

const lambdaStack =
  `2024-05-01T11:59:00.000Z\t${requestId}\tERROR\tTypeError: Cannot read properties of undefined (reading 'name')\n` +
  "    at getUser (/var/task/src/users.ts:12:5)\n" +
  "    at async handler (/var/task/src/routes/users.ts:30:10)\n" +
  "    at async Server.<anonymous> (/var/task/node_modules/@vercel/node/dist/serverless-functions/serverless-handler.js:1:2)";

function ndjson(...lines: unknown[]): string {
  return lines.map((l) => JSON.stringify(l)).join("\n");
}

describe("parseVercelDrain", () => {
  it("turns a request line into a request-only event keyed by its request id", () => {
    const batch = parseVercelDrain(ndjson(line()), receivedAt);
    expect(batch.rejected).toEqual([]);
    expect(batch.events).toHaveLength(1);
    const e = batch.events[0]!;
    expect(e.eventId).toBe(`vercel:req:${requestId}`);
    expect(e.source).toBe("vercel");
    expect(e.exception).toBeNull();
    expect(e.level).toBe("info");
    expect(e.timestamp.toISOString()).toBe("2024-05-01T11:59:00.000Z");
    expect(e.environment).toBe("production");
    expect(e.release).toBe("dpl_233NRGRjVZX1caZrXWtz5g1TAksD");
    expect(e.request).toEqual({
      method: "GET",
      url: "https://shop.example.com/api/users/42?expand=1",
      route: "/api/users/:id",
      status: 200,
      durationMs: null,
      requestKey: `vercel:req:${requestId}`,
    });
    expect(e.tags).toMatchObject({ "vercel.source": "lambda", "vercel.request_id": requestId, "vercel.region": "iad1", "vercel.branch": "main" });
    expect(JSON.stringify(e)).not.toContain("203.0.113.7");
  });

  it("gives every line of one request the same event id, so the request counts once", () => {
    const batch = parseVercelDrain(
      ndjson(line({ id: "1", message: "loading user" }), line({ id: "2", message: "done" })),
      receivedAt,
    );
    expect(new Set(batch.events.map((e) => e.eventId))).toEqual(new Set([`vercel:req:${requestId}`]));
  });

  it("turns a Lambda error line with a stack into an error event that keeps the request", () => {
    const batch = parseVercelDrain(
      ndjson(line({ message: lambdaStack, type: "stderr", level: "error", statusCode: 500, proxy: { ...(line().proxy as object), statusCode: 500 } })),
      receivedAt,
    );
    expect(batch.rejected).toEqual([]);
    const e = batch.events[0]!;
    expect(e.eventId).toBe("vercel:1573817187330377061717300000");
    expect(e.level).toBe("error");
    expect(e.exception?.type).toBe("TypeError");
    expect(e.exception?.value).toBe("Cannot read properties of undefined (reading 'name')");
    expect(e.exception?.frames.map((f) => [f.file, f.function, f.line, f.inApp])).toEqual([
      ["node_modules/@vercel/node/dist/serverless-functions/serverless-handler.js", "Server.<anonymous>", 1, false],
      ["src/routes/users.ts", "handler", 30, true],
      ["src/users.ts", "getUser", 12, true],
    ]);
    expect(e.request?.status).toBe(500);
    expect(e.request?.route).toBe("/api/users/:id");
  });

  it("reads a stack logged as info without a prefix, from a static or edge source too", () => {
    const message = "Error: upstream said no\n    at fetchPrices (/var/task/src/prices.ts:8:11)";
    const batch = parseVercelDrain(ndjson(line({ source: "edge", level: "info", message, proxy: null, path: null })), receivedAt);
    const e = batch.events[0]!;
    expect(e.exception?.type).toBe("Error");
    expect(e.exception?.value).toBe("upstream said no");
    expect(e.request).toBeNull();
    expect(e.level).toBe("error");
  });

  it("ignores build lines, plain log lines and lines of other sources without rejecting them", () => {
    const batch = parseVercelDrain(
      ndjson(
        { id: "b1", message: "Running build", timestamp: ts, source: "build", buildId: "bld_cotnkcr76", deploymentId: "dpl_1" },
        { id: "b2", message: lambdaStack, timestamp: "not even a number", source: "build" },
        line({ proxy: null, path: null, statusCode: null, message: "cache warmed" }),
        line({ source: "firewall" }),
        line({ source: "redirect" }),
        line({ source: "external", destination: "https://vitals.vercel-insights.com/v1" }),
      ),
      receivedAt,
    );
    expect(batch).toEqual({ events: [], rejected: [] });
  });

  it("ignores background revalidations and maps a crashed function to 500", () => {
    const revalidation = line({ proxy: { ...(line().proxy as object), statusCode: -1 } });
    const crashed = line({ id: "c", requestId: "req-crash", statusCode: -1, proxy: { ...(line().proxy as object), statusCode: undefined } });
    const batch = parseVercelDrain(ndjson(revalidation, crashed), receivedAt);
    expect(batch.events.map((e) => [e.eventId, e.request?.status])).toEqual([["vercel:req:req-crash", 500]]);
  });

  it("treats a line with path and statusCode but no proxy as a request of unknown method", () => {
    const batch = parseVercelDrain(ndjson(line({ source: "static", proxy: undefined, path: "/pricing", statusCode: 404 })), receivedAt);
    expect(batch.events[0]!.request).toEqual({
      method: "UNKNOWN",
      url: "https://my-app-abc123.vercel.app/pricing",
      route: "/pricing",
      status: 404,
      durationMs: null,
      requestKey: `vercel:req:${requestId}`,
    });
  });

  it("takes the duration from a Lambda REPORT line or a duration field", () => {
    const report = line({ message: `REPORT RequestId: ${requestId}\tDuration: 123.45 ms\tBilled Duration: 124 ms`, type: "report" });
    expect(parseVercelDrain(ndjson(report), receivedAt).events[0]!.request?.durationMs).toBe(123.45);
    expect(parseVercelDrain(ndjson(line({ duration: 87 })), receivedAt).events[0]!.request?.durationMs).toBe(87);
  });

  it("prefers a commit SHA over the deployment id as the release", () => {
    const sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    expect(parseVercelDrain(ndjson(line({ meta: { gitCommitSha: sha } })), receivedAt).events[0]!.release).toBe(sha);
    expect(parseVercelDrain(ndjson(line({ gitCommitSha: sha })), receivedAt).events[0]!.release).toBe(sha);
    expect(parseVercelDrain(ndjson(line({ meta: { gitCommitSha: "not a sha" } })), receivedAt).events[0]!.release).toBe(
      "dpl_233NRGRjVZX1caZrXWtz5g1TAksD",
    );
  });

  it("hashes a line without id into a stable event id", () => {
    const noId = line({ id: undefined, requestId: undefined, message: lambdaStack });
    const first = parseVercelDrain(ndjson(noId), receivedAt).events[0]!.eventId;
    const again = parseVercelDrain(ndjson(noId), receivedAt).events[0]!.eventId;
    const other = parseVercelDrain(ndjson({ ...noId, timestamp: ts + 1 }), receivedAt).events[0]!.eventId;
    expect(first).toMatch(/^vercel:[0-9a-f]{32}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("rejects bad lines by index with the field path and keeps the good ones", () => {
    const body = [
      JSON.stringify(line({ id: "ok1", requestId: "r1" })),
      JSON.stringify(line({ id: "bad1", timestamp: "2024-05-01T11:59:00Z" })),
      '{"id": "broken", "timestamp": ',
      JSON.stringify(line({ id: "old", timestamp: ts - 40 * 86_400_000 })),
      JSON.stringify(line({ id: "ok2", requestId: "r2" })),
    ].join("\n");
    const batch = parseVercelDrain(body, receivedAt);
    expect(batch.events.map((e) => e.eventId)).toEqual(["vercel:req:r1", "vercel:req:r2"]);
    expect(batch.rejected).toEqual([
      { index: 1, error: "timestamp: expected number, got string" },
      { index: 2, error: expect.stringMatching(/^line 3: invalid JSON: /) },
      { index: 3, error: "timestamp: 2024-03-22T11:59:00.000Z is older than 30 days" },
    ]);
  });

  it("accepts the JSON array delivery format", () => {
    const batch = parseVercelDrain(JSON.stringify([line({ requestId: "a" }), line({ requestId: "b" })]), receivedAt);
    expect(batch.events).toHaveLength(2);
  });

  it("refuses a body that is not JSON or NDJSON", () => {
    expect(() => parseVercelDrain("<html>oops</html>", receivedAt)).toThrow(BodyParseError);
  });
});

describe("findStackError", () => {
  it("reads a Next.js error line with a digest after the frames", () => {
    const error = findStackError(
      " ⨯ TypeError: users.map is not a function\n    at UsersPage (/var/task/.next/server/app/users/page.js:1:2345)\n    at async Page (/var/task/src/app/page.tsx:5:3) {\n  digest: '2734851'\n}",
    );
    expect(error?.type).toBe("TypeError");
    expect(error?.value).toBe("users.map is not a function");
    expect(error?.frames.map((f) => f.file)).toEqual(["src/app/page.tsx", ".next/server/app/users/page.js"]);
  });

  it("keeps a Node error code as a code, not as part of the type", () => {
    const error = findStackError(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/src/lib/db.js' imported from /var/task/src/index.js\n" +
        "    at finalizeResolution (node:internal/modules/esm/resolve:265:11)",
    );
    expect(error).toMatchObject({ type: "Error", code: "ERR_MODULE_NOT_FOUND" });
    expect(error?.value).toBe("Cannot find module '/var/task/src/lib/db.js' imported from /var/task/src/index.js");
  });

  it("reads the class after Node's Uncaught Exception label, and empty or multi-line messages", () => {
    expect(findStackError("Uncaught Exception: RangeError: Invalid array length\n    at f (/var/task/a.js:1:1)")?.type).toBe(
      "RangeError",
    );
    expect(findStackError("Unhandled Rejection: Error: nope\n    at f (/var/task/a.js:1:1)")?.value).toBe("nope");
    expect(findStackError("Error\n    at f (/var/task/a.js:1:1)")).toMatchObject({ type: "Error", value: "" });
    const multi = findStackError(
      "PrismaClientKnownRequestError: \nInvalid `prisma.user.findUnique()` invocation:\n\nUnique constraint failed\n    at Cn (/var/task/node_modules/@prisma/client/runtime/library.js:1:1)",
    );
    expect(multi?.type).toBe("PrismaClientKnownRequestError");
    expect(multi?.value).toBe("\nInvalid `prisma.user.findUnique()` invocation:\n\nUnique constraint failed");
  });

  it("finds nothing in text without a stack or without a header", () => {
    expect(findStackError("TypeError: x is not a function")).toBeNull();
    expect(findStackError("we are at capacity\n    at the moment, try later")).toBeNull();
    expect(findStackError("Errors: 3 so far\nwaiting")).toBeNull();
  });

  it("stays fast on hostile input", () => {
    const hostile = `${"aError".repeat(50_000)}\n${"    at x\n".repeat(5_000)}`;
    const started = performance.now();
    findStackError(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
