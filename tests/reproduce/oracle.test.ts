import { describe, expect, it } from "vitest";
import {
  attributeRecords,
  findMatch,
  matchException,
  observedFromDescription,
  parseOracleRecords,
  sameFile,
  sameFunction,
  targetOf,
} from "../../src/reproduce/oracle.ts";
import type { FailingInput, ObservedException } from "../../src/reproduce/reproduction.ts";

const ROOT = "/repo/.git/suture-worktrees/reproduce-1";

function incident(overrides: Partial<FailingInput> = {}): FailingInput {
  return {
    error: { type: "TypeError", message: "Cannot read properties of undefined (reading 'total')" },
    culprit: { file: "src/routes/invoices.js", function: "getInvoice", line: 12, column: 28 },
    frames: [],
    fingerprint: "abc",
    failingRequests: [],
    successfulRequests: [],
    ...overrides,
  };
}

function observed(description: string, className: string | null = null): ObservedException {
  return observedFromDescription(description, className, [ROOT]);
}

describe("observedFromDescription", () => {
  it("maps sandbox paths and file URLs to repo-relative frames", () => {
    const exception = observed(
      [
        "TypeError: Cannot read properties of undefined (reading 'total')",
        `    at getInvoice (file://${ROOT}/src/routes/invoices.js:12:28)`,
        "    at Layer.handle [as handle_request] (/deps/node_modules/express/lib/router/layer.js:95:5)",
        `    at ${ROOT}/src/app.js:9:3`,
      ].join("\n"),
    );
    expect(exception.type).toBe("TypeError");
    expect(exception.message).toBe("Cannot read properties of undefined (reading 'total')");
    expect(exception.frames.map((frame) => [frame.file, frame.function, frame.inApp])).toEqual([
      ["src/app.js", null, true],
      ["node_modules/express/lib/router/layer.js", "Layer.handle [as handle_request]", false],
      ["src/routes/invoices.js", "getInvoice", true],
    ]);
  });

  it("keeps a message over several lines and drops Node's error code from the type", () => {
    const exception = observed(`Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${ROOT}/src/db.js' imported from ${ROOT}/src/app.js\n    at finalizeResolution (node:internal/modules/esm/resolve:265:11)`);
    expect(exception.type).toBe("Error");
    expect(exception.message).toBe("Cannot find module 'app:///src/db.js' imported from app:///src/app.js");
  });

  it("falls back to the constructor's name when the header is not `Name: message`", () => {
    const exception = observed("something odd happened\n    at run (/elsewhere/x.js:1:1)", "NotFoundError");
    expect(exception.type).toBe("NotFoundError");
    expect(exception.message).toBe("something odd happened");
  });
});

describe("matchException", () => {
  const target = targetOf(incident());

  it("matches the same type, parameterized message and culprit function", () => {
    const exception = observed(`TypeError: Cannot read properties of undefined (reading 'total')\n    at getInvoice (${ROOT}/src/routes/invoices.js:14:3)`);
    expect(matchException(exception, target)).toEqual({ matches: true });
  });

  it("refuses another property, another type, or another culprit", () => {
    const other = observed(`TypeError: Cannot read properties of undefined (reading 'id')\n    at getInvoice (${ROOT}/src/routes/invoices.js:12:28)`);
    expect(matchException(other, target)).toMatchObject({ matches: false, mismatch: "message" });
    const range = observed(`RangeError: Cannot read properties of undefined (reading 'total')\n    at getInvoice (${ROOT}/src/routes/invoices.js:12:28)`);
    expect(matchException(range, target)).toMatchObject({ matches: false, mismatch: "type" });
    const elsewhere = observed(`TypeError: Cannot read properties of undefined (reading 'total')\n    at listInvoices (${ROOT}/src/routes/invoices.js:40:9)`);
    expect(matchException(elsewhere, target)).toMatchObject({ matches: false, mismatch: "culprit" });
  });

  it("ignores exceptions thrown inside dependencies or Node, which have no application frame", () => {
    const inside = observed("TypeError: Cannot read properties of undefined (reading 'total')\n    at parse (/deps/node_modules/qs/lib/parse.js:10:2)\n    at node:internal/x:1:1");
    expect(matchException(inside, target)).toMatchObject({ matches: false, mismatch: "culprit" });
  });

  it("treats only the application frame nearest the throw as the culprit", () => {
    const deeper = observed(
      `TypeError: Cannot read properties of undefined (reading 'total')\n    at format (${ROOT}/src/format.js:3:9)\n    at getInvoice (${ROOT}/src/routes/invoices.js:12:28)`,
    );
    expect(matchException(deeper, target)).toMatchObject({ matches: false, mismatch: "culprit" });
  });

  it("parameterizes ids in the message on both sides", () => {
    const byId = targetOf(incident({ error: { type: "Error", message: "order 93812 has no lines since 2026-11-20T10:00:00Z" }, culprit: { file: "src/x.ts", function: "f", line: 1, column: 1 } }));
    const exception = observed(`Error: order 77121 has no lines since 2026-12-01T08:30:00Z\n    at f (${ROOT}/src/x.ts:1:1)`);
    expect(matchException(exception, byId)).toEqual({ matches: true });
  });

  it("matches a module that fails to load by the importer the message names", () => {
    const missing = targetOf(
      incident({
        error: { type: "Error", message: "Cannot find module '/var/task/src/db.js' imported from /var/task/src/app.js" },
        culprit: { file: "src/app.js", function: null, line: 1, column: null },
      }),
    );
    const exception = observed(`Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${ROOT}/src/db.js' imported from ${ROOT}/src/app.js\n    at finalizeResolution (node:internal/modules/esm/resolve:265:11)`);
    expect(matchException(exception, missing)).toEqual({ matches: true });
  });

  it("accepts the incident's line when a source-mapped stack prints another name (jest)", () => {
    const exception = observed(`TypeError: Cannot read properties of undefined (reading 'total')\n    at length (${ROOT}/src/routes/invoices.js:12:28)`);
    expect(matchException(exception, target)).toEqual({ matches: true });
  });

  it("finds the first matching exception in a list", () => {
    const list = [
      observed(`AssertionError: expected 500 to be below 500\n    at Context.<anonymous> (${ROOT}/test/x.test.js:3:1)`),
      observed(`TypeError: Cannot read properties of undefined (reading 'total')\n    at getInvoice (${ROOT}/src/routes/invoices.js:12:28)`),
    ];
    expect(findMatch(list, target)).toBe(list[1]);
  });
});

describe("sameFunction and sameFile", () => {
  it("ignores receivers, async, new and aliases", () => {
    expect(sameFunction("Object.handler", "handler")).toBe(true);
    expect(sameFunction("Runtime.handler", "async handler")).toBe(true);
    expect(sameFunction("Layer.handle [as handle_request]", "handle")).toBe(true);
    expect(sameFunction("Object.<anonymous>", null)).toBe(true);
    expect(sameFunction("getUser", "getUsers")).toBe(false);
  });

  it("counts a module's .js and .ts as one file, and nothing else", () => {
    expect(sameFile("src/handler.mjs", "src/handler.ts")).toBe(true);
    expect(sameFile("src/handler.ts", "src/handlers.ts")).toBe(false);
    expect(sameFile("src/data.json", "src/data.ts")).toBe(false);
  });
});

describe("parseOracleRecords and attributeRecords", () => {
  it("skips lines that are not records and keeps the rest", () => {
    const text = [
      JSON.stringify({ kind: "mark", pid: 7, thread: 0, attempt: "r1" }),
      "not json",
      JSON.stringify({ kind: "exception", pid: 7, thread: 0, reason: "exception", className: "TypeError", description: "TypeError: x\n    at f (/a.js:1:1)" }),
      JSON.stringify({ kind: "alien" }),
      "",
    ].join("\n");
    const parsed = parseOracleRecords(text);
    expect(parsed.records.map((record) => record.kind)).toEqual(["mark", "exception"]);
    expect(parsed.skipped).toBe(2);
  });

  it("gives each exception to the attempt open in its process and thread", () => {
    const exception = (pid: number, message: string) => ({ kind: "exception" as const, pid, thread: 0, reason: "exception", className: "Error", description: `Error: ${message}\n    at f (${ROOT}/src/f.js:1:1)` });
    const records = [
      exception(1, "while loading"),
      { kind: "mark" as const, pid: 1, thread: 0, attempt: "r1" },
      exception(2, "other process"),
      exception(1, "in r1"),
      exception(1, "in r1"),
      { kind: "answer" as const, pid: 1, thread: 0, attempt: "r1", answer: { kind: "response" as const, status: 500, body: "{}", contentType: null } },
      { kind: "mark" as const, pid: 1, thread: 0, attempt: null },
      exception(1, "after"),
    ];
    const attribution = attributeRecords(records, [ROOT]);
    const r1 = attribution.byAttempt.get("r1")!;
    expect(r1.exceptions.map((e) => e.message)).toEqual(["in r1"]);
    expect(r1.answer).toEqual({ kind: "response", status: 500, body: "{}", contentType: null });
    expect(attribution.outside.map((e) => e.message)).toEqual(["while loading", "other process", "after"]);
  });
});
