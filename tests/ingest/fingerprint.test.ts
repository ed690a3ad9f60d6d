import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "../../src/ingest/event.ts";
import type { StackFrame } from "../../src/core/stack-frame.ts";
import { culpritFrame, fingerprintEvent, normalizeMessage } from "../../src/ingest/fingerprint.ts";
import { parseV8Stack } from "../../src/ingest/stacktrace.ts";

function errorEvent(type: string, value: string, frames: StackFrame[], fingerprint: string[] | null = null): NormalizedEvent {
  return {
    eventId: "e1",
    timestamp: new Date("2024-01-15T10:30:00Z"),
    level: "error",
    environment: "production",
    release: null,
    exception: { type, value, frames },
    request: null,
    userId: null,
    tags: {},
    fingerprint,
    source: "generic",
  };
}

const USERS_STACK = parseV8Stack(`Error: x
    at findUser (/var/task/src/db/users.ts:40:11)
    at getUser (/var/task/src/users.ts:12:20)
    at async Layer.handle (/var/task/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`);

const ORDERS_STACK = parseV8Stack(`Error: x
    at findUser (/var/task/src/db/users.ts:40:11)
    at createOrder (/var/task/src/orders.ts:88:9)
    at async Layer.handle (/var/task/node_modules/express/lib/router/layer.js:95:5)`);

describe("normalizeMessage", () => {
  it.each([
    ["User 3f2a1b9c-1234-4abc-8def-1234567890ab not found", "User <uuid> not found"],
    ["no account for ana@example.com", "no account for <email>"],
    ["request to https://api.example.com/v1/users/42?x=1 failed", "request to <url> failed"],
    ["connect ECONNREFUSED 10.0.3.7:5432", "connect ECONNREFUSED <ip>:<n>"],
    ["connect ECONNREFUSED ::1:5432", "connect ECONNREFUSED <ip>"],
    ["fe80::1ff:fe23:4567:890a unreachable", "<ip> unreachable"],
    ["token expired at 2024-01-15T10:30:00.123Z", "token expired at <date>"],
    ["job ran at 10:30:00 on 2024-01-15", "job ran at <date> on <date>"],
    ["commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing", "commit <hex> missing"],
    ["bad pointer 0x7ffe", "bad pointer <hex>"],
    ["session V1StGXR8_Z5jdHi6B-myT expired", "session <id> expired"],
    ["Order 12345 failed after 3.5 seconds", "Order <n> failed after <n> seconds"],
    ["invoice 2024011512 and card ending 12345678901234567890", "invoice <n> and card ending <n>"],
    ["User 'bob' has no orders", "User '<str>' has no orders"],
    ['Key "tenant-77" is locked', 'Key "<str>" is locked'],
    ["Unexpected token 'u', \"undefined\" is not valid JSON", "Unexpected token '<str>', \"<str>\" is not valid JSON"],
    ["Unexpected end of JSON input", "Unexpected end of JSON input"],
    ["  many\n\tspaces   here ", "many spaces here"],
  ])("normalizes %j", (input, expected) => {
    expect(normalizeMessage(input)).toBe(expected);
  });

  it.each([
    "Cannot read properties of undefined (reading 'email')",
    "Cannot set properties of undefined (setting 'name')",
    "Cannot read property 'email' of undefined",
    "Cannot destructure property 'id' of 'req.body' as it is undefined.",
    "Cannot find module './db/client'",
    "Cannot find package 'zod' imported from /app/src/index.js",
    "The requested module './utils.js' does not provide an export named 'formatDate'",
    "Cannot access 'config' before initialization",
    "Identifier 'user' has already been declared",
    "Class constructor Service cannot be invoked without 'new'",
    "undefined is not an object (evaluating 'user.email')",
    "can't access property \"email\", user is undefined",
    'Module not found "file:///src/lib/db.ts".',
    "user2 is not defined",
    "v8 handler3 failed",
  ])("keeps the identifiers of a known JS error shape: %s", (message) => {
    expect(normalizeMessage(message)).toBe(message);
  });

  it.each([
    ["Cannot read properties of undefined (reading 'u_123')", "Cannot read properties of undefined (reading '<id>')"],
    ["Cannot set properties of null (setting 'ord_9')", "Cannot set properties of null (setting '<id>')"],
    ["Cannot read properties of null (reading '0')", "Cannot read properties of null (reading '<id>')"],
    ["Cannot read property 'cus_Nf2xQ8' of undefined", "Cannot read property '<id>' of undefined"],
    ["Cannot read properties of undefined (reading '3f2a1b9c-1234-4abc-8def-1234567890ab')", "Cannot read properties of undefined (reading '<id>')"],
    ["Cannot read properties of undefined (reading 'u8812')", "Cannot read properties of undefined (reading '<id>')"],
    ["can't access property \"user-42\", cache is undefined", "can't access property \"<id>\", cache is undefined"],
    ["Unknown identifier 'u_77'", "Unknown identifier '<id>'"],
  ])("parameterizes an id in an identifier position: %s", (input, expected) => {
    expect(normalizeMessage(input)).toBe(expected);
  });

  it.each([
    "Cannot read properties of undefined (reading 'address2')",
    "Cannot read properties of undefined (reading 'oauth2')",
    "Cannot read properties of undefined (reading 'Symbol(Symbol.iterator)')",
    "Cannot find module './locales/u_123.json'",
    "Cannot find package 'lodash-4' imported from /app/src/index.js",
    "The requested module './v2/api_1.js' does not provide an export named 'handler_2'",
  ])("keeps identifiers and module paths that say which bug it is: %s", (message) => {
    expect(normalizeMessage(message)).toBe(message);
  });

  it("caps the normalized message at 512 characters", () => {
    expect(normalizeMessage("word ".repeat(1000)).length).toBeLessThanOrEqual(512);
    expect(normalizeMessage("'".repeat(100_000)).length).toBeLessThanOrEqual(512);
  });
});

describe("fingerprintEvent", () => {
  it("groups events whose messages differ only by ids", () => {
    const a = fingerprintEvent(errorEvent("NotFoundError", "User 3f2a1b9c-1234-4abc-8def-1234567890ab not found (order 1001)", USERS_STACK));
    const b = fingerprintEvent(errorEvent("NotFoundError", "User 0b9e8d7c-5678-4def-9abc-0987654321fe not found (order 77)", USERS_STACK));
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.normalizedMessage).toBe("User <uuid> not found (order <n>)");
  });

  it("groups events whose frames differ only by line and column", () => {
    const moved = USERS_STACK.map((frame) => ({ ...frame, line: (frame.line ?? 0) + 3, column: 1 }));
    const a = fingerprintEvent(errorEvent("TypeError", "x is not a function", USERS_STACK));
    const b = fingerprintEvent(errorEvent("TypeError", "x is not a function", moved));
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it("separates the same message thrown from different call sites", () => {
    const message = "Cannot read properties of undefined (reading 'email')";
    const a = fingerprintEvent(errorEvent("TypeError", message, USERS_STACK));
    const b = fingerprintEvent(errorEvent("TypeError", message, ORDERS_STACK));
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it("separates different exception types and different property names", () => {
    const a = fingerprintEvent(errorEvent("TypeError", "Cannot read properties of undefined (reading 'email')", USERS_STACK));
    const b = fingerprintEvent(errorEvent("TypeError", "Cannot read properties of undefined (reading 'name')", USERS_STACK));
    const c = fingerprintEvent(errorEvent("RangeError", "Cannot read properties of undefined (reading 'email')", USERS_STACK));
    expect(new Set([a?.fingerprint, b?.fingerprint, c?.fingerprint]).size).toBe(3);
  });

  it("an explicit fingerprint wins over the message and frames", () => {
    const a = fingerprintEvent(errorEvent("TypeError", "first", USERS_STACK, ["payments-timeout"]));
    const b = fingerprintEvent(errorEvent("RangeError", "second", ORDERS_STACK, ["payments-timeout"]));
    const c = fingerprintEvent(errorEvent("TypeError", "first", USERS_STACK, ["other"]));
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).not.toBe(c?.fingerprint);
  });

  it("expands {{ default }} in an explicit fingerprint to the default components", () => {
    const plain = fingerprintEvent(errorEvent("TypeError", "boom 1", USERS_STACK));
    const onlyDefault = fingerprintEvent(errorEvent("TypeError", "boom 2", USERS_STACK, ["{{ default }}"]));
    const tenantA = fingerprintEvent(errorEvent("TypeError", "boom 1", USERS_STACK, ["{{default}}", "tenant-a"]));
    const tenantB = fingerprintEvent(errorEvent("TypeError", "boom 1", USERS_STACK, ["{{ default }}", "tenant-b"]));
    expect(onlyDefault?.fingerprint).toBe(plain?.fingerprint);
    expect(tenantA?.fingerprint).not.toBe(tenantB?.fingerprint);
    expect(tenantA?.fingerprint).not.toBe(plain?.fingerprint);
  });

  it("falls back to the top frames when no frame is in-app", () => {
    const library = (fn: string): StackFrame[] => [
      { file: "node_modules/pg/lib/client.js", function: fn, line: 1, column: 1, inApp: false },
    ];
    const a = fingerprintEvent(errorEvent("Error", "Connection terminated", library("query")));
    const b = fingerprintEvent(errorEvent("Error", "Connection terminated", library("connect")));
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
    expect(a?.culprit).toBeNull();
  });

  it("keeps one group across deploys that change bundle content hashes", () => {
    const frame = (file: string): StackFrame[] => [{ file, function: "initMenu", line: 2, column: 10, inApp: true }];
    const a = fingerprintEvent(errorEvent("TypeError", "x is null", frame("static/js/main.3f2a1b9c.js")));
    const b = fingerprintEvent(errorEvent("TypeError", "x is null", frame("static/js/main.8e7d6c5b.js")));
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it("returns a 32-character hex fingerprint, a title and the culprit frame with its line", () => {
    const key = fingerprintEvent(errorEvent("TypeError", "Cannot read properties of undefined (reading 'email')", USERS_STACK));
    expect(key?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(key?.title).toBe("TypeError: Cannot read properties of undefined (reading 'email')");
    expect(key?.culprit).toEqual({ file: "src/db/users.ts", function: "findUser", line: 40 });
  });

  it("caps the title at 200 characters", () => {
    const key = fingerprintEvent(errorEvent("Error", "word ".repeat(200), []));
    expect(key?.title.length).toBe(200);
  });

  it("returns null for an event without an exception", () => {
    expect(fingerprintEvent({ ...errorEvent("Error", "x", []), exception: null })).toBeNull();
  });
});

// Real V8 errors, thrown by real code: message and stack are what a Node app would report.
function thrown(run: () => unknown): { type: string; message: string; frames: StackFrame[] } {
  try {
    run();
  } catch (error) {
    const e = error as Error;
    return { type: e.name, message: e.message, frames: parseV8Stack(e.stack ?? "") };
  }
  throw new Error("expected the code to throw");
}

function groupOf(error: { type: string; message: string; frames: StackFrame[] }) {
  return fingerprintEvent(errorEvent(error.type, error.message, error.frames));
}

const sessions: Record<string, { user: { email: string } } | undefined> = {};
function readSessionEmail(id: string) {
  return sessions[id]!.user.email;
}
function cachedProfile(cache: Record<string, { name: string }> | undefined, id: string) {
  return cache![id]!.name;
}
function rememberOrder(index: Record<string, boolean> | null, id: string) {
  index![id] = true;
}
function planPrice(plan: string) {
  const prices: Record<string, number> = { free: 0, team: 12 };
  if (!(plan in prices)) throw new Error(`Unknown plan '${plan}'`);
  return prices[plan];
}
function payOrder(id: string) {
  throw new RangeError(`Order '${id}' is not payable`);
}
function profileRoute(id: string) {
  return cachedProfile(undefined, id);
}
function adminRoute(id: string) {
  return cachedProfile(undefined, id);
}

describe("grouping like Sentry: the stack leads, quoted ids are parameterized", () => {
  it("groups real V8 errors that differ only in a quoted id", () => {
    const cases = [
      ["u_123", "u_456", (id: string) => () => cachedProfile(undefined, id)],
      ["ord_9", "ord_12", (id: string) => () => rememberOrder(null, id)],
      ["pro_2", "pro_77", (id: string) => () => planPrice(id)],
      ["ord_9", "ord_31", (id: string) => () => payOrder(id)],
      ["42", "7", (id: string) => () => cachedProfile(undefined, id)],
    ] as const;
    for (const [first, second, crash] of cases) {
      const a = thrown(crash(first));
      const b = thrown(crash(second));
      expect(a.message).not.toBe(b.message);
      expect(a.frames.some((frame) => frame.inApp)).toBe(true);
      expect(groupOf(a)?.fingerprint, `${a.message} / ${b.message}`).toBe(groupOf(b)?.fingerprint);
    }
  });

  it("names the group by the message with the id parameterized", () => {
    const key = groupOf(thrown(() => cachedProfile(undefined, "u_123")));
    expect(key?.title).toBe("TypeError: Cannot read properties of undefined (reading '<id>')");
  });

  it("keeps quoted identifiers that say which bug it is apart", () => {
    const email = groupOf(thrown(() => readSessionEmail("u_1")));
    const emailAgain = groupOf(thrown(() => readSessionEmail("u_2")));
    const name = thrown(() => {
      const user: { name?: { first: string } } = {};
      return user.name!.first;
    });
    expect(email?.normalizedMessage).toBe("Cannot read properties of undefined (reading 'user')");
    expect(email?.fingerprint).toBe(emailAgain?.fingerprint);
    expect(groupOf(name)?.normalizedMessage).toBe("Cannot read properties of undefined (reading 'first')");
    expect(groupOf(name)?.fingerprint).not.toBe(email?.fingerprint);
  });

  it("keeps the same message from another call site a separate group", () => {
    const profile = thrown(() => profileRoute("u_123"));
    const admin = thrown(() => adminRoute("u_123"));
    expect(profile.message).toBe(admin.message);
    expect(groupOf(profile)?.fingerprint).not.toBe(groupOf(admin)?.fingerprint);
  });

  it("groups real JSON.parse failures on different id-like bodies", () => {
    const a = thrown(() => JSON.parse("u_123"));
    const b = thrown(() => JSON.parse("ord_9"));
    expect(groupOf(a)?.fingerprint).toBe(groupOf(b)?.fingerprint);
  });
});

describe("culpritFrame", () => {
  it("picks the in-app frame nearest the throw", () => {
    expect(culpritFrame(USERS_STACK)?.function).toBe("findUser");
    const withLibraryOnTop = parseV8Stack(`TypeError: x
    at Object.parse (/app/node_modules/qs/lib/parse.js:10:5)
    at getUser (/app/src/users.ts:12:20)`);
    expect(culpritFrame(withLibraryOnTop)?.function).toBe("getUser");
  });

  it("returns null when no frame is in-app", () => {
    expect(culpritFrame([])).toBeNull();
    expect(culpritFrame([{ file: "node:internal/x", function: null, line: 1, column: 1, inApp: false }])).toBeNull();
  });
});
