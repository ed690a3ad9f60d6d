import { describe, expect, it } from "vitest";
import { classifyError, importerFromMessage, notAFunctionCallee } from "../../src/diagnose/classify.ts";

function codeBug(type: string, message: string) {
  const result = classifyError(type, message);
  if (result.kind !== "code-bug") throw new Error(`expected a code bug, got ${JSON.stringify(result)}`);
  return result;
}

describe("classifyError: code bugs", () => {
  it.each([
    ["TypeError", "Cannot read properties of undefined (reading 'email')", "email", "undefined"],
    ["TypeError", "Cannot read properties of null (reading 'id')", "id", "null"],
    ["TypeError", "Cannot read property 'name' of undefined", "name", "undefined"],
    ["TypeError", "undefined is not an object (evaluating 'user.profile.email')", "email", "undefined"],
    ["TypeError", "null is not an object (evaluating 'row.id')", "id", "null"],
    ["TypeError", `can't access property "email", user.profile is undefined`, "email", "undefined"],
    ["TypeError", "Cannot set properties of undefined (setting 'count')", "count", "undefined"],
  ])("recognises a property read on nullish: %s %s", (type, message, subject, nullish) => {
    const result = codeBug(type, message);
    expect(result.errorClass).toBe("property-of-nullish");
    expect(result.subject).toBe(subject);
    expect(result.nullish).toBe(nullish);
  });

  it.each([
    ["x.map is not a function", "map"],
    ["users.filter is not a function", "filter"],
    ["data.items.reduce is not a function", "reduce"],
    ["handler is not a function", "handler"],
  ])("recognises not-a-function: %s", (message, subject) => {
    const result = codeBug("TypeError", message);
    expect(result.errorClass).toBe("not-a-function");
    expect(result.subject).toBe(subject);
  });

  it("splits the callee of a not-a-function message at its last dot", () => {
    expect(notAFunctionCallee("data.items.reduce is not a function")).toEqual({ object: "data.items", method: "reduce" });
    expect(notAFunctionCallee("handler is not a function")).toEqual({ object: null, method: "handler" });
    expect(notAFunctionCallee("Cannot read properties of undefined (reading 'x')")).toBeNull();
  });

  it.each([
    ["Cannot destructure property 'id' of 'undefined' as it is undefined.", "id", "undefined"],
    ["Cannot destructure property 'email' of 'req.body' as it is undefined.", "email", "undefined"],
    ["Cannot destructure property 'a' of 'object null' as it is null.", "a", "null"],
    ["Cannot destructure 'undefined' as it is undefined.", null, "undefined"],
  ])("recognises destructuring of nullish: %s", (message, subject, nullish) => {
    const result = codeBug("TypeError", message);
    expect(result.errorClass).toBe("destructure-nullish");
    expect(result.subject).toBe(subject);
    expect(result.nullish).toBe(nullish);
  });

  it.each([
    ["ReferenceError", "formatPrice is not defined", "formatPrice"],
    ["ReferenceError", "Can't find variable: formatPrice", "formatPrice"],
  ])("recognises an undefined identifier: %s", (type, message, subject) => {
    const result = codeBug(type, message);
    expect(result.errorClass).toBe("not-defined");
    expect(result.subject).toBe(subject);
  });

  it.each([
    ["Error", "Cannot find module '/app/src/lib/format.js' imported from /app/src/routes/users.js", "/app/src/lib/format.js"],
    ["Error", "Cannot find module '../lib/x'\nRequire stack:\n- /app/src/y.js\n- /app/src/index.js", "../lib/x"],
    ["TypeError", 'Module not found "file:///src/lib/x.ts".', "/src/lib/x.ts"],
    ["Error", "Cannot find package 'lodash' imported from /app/src/a.js", "lodash"],
    ["TypeError", 'Relative import path "lodash" not prefixed with / or ./ or ../', "lodash"],
  ])("recognises a missing module: %s", (type, message, subject) => {
    const result = codeBug(type, message);
    expect(result.errorClass).toBe("module-not-found");
    expect(result.subject).toBe(subject);
  });

  it.each([
    "Unexpected token } in JSON at position 10",
    "Unexpected end of JSON input",
    "Expected property name or '}' in JSON at position 1 (line 1 column 2)",
    "Expected property name or '}' in JSON at position 1",
    '"[object Object]" is not valid JSON',
    `Unexpected token '<', "<html>" is not valid JSON`,
    "Unexpected non-whitespace character after JSON at position 7 (line 1 column 8)",
    "JSON.parse: unexpected character at line 1 column 1 of the JSON data",
  ])("recognises a JSON parse failure when it is a SyntaxError: %s", (message) => {
    expect(codeBug("SyntaxError", message).errorClass).toBe("json-parse-body");
  });

  it("does not call a JSON-looking message a parse failure unless it is a SyntaxError", () => {
    expect(classifyError("Error", "Unexpected end of JSON input").kind).toBe("unknown");
  });

  it("recognises a missing value gone through as a collection, and keeps the wrong-shape case visible", () => {
    expect(codeBug("TypeError", "ticket.watchers is not iterable")).toMatchObject({ errorClass: "not-iterable", subject: "ticket.watchers", nullish: null });
    expect(codeBug("TypeError", "undefined is not iterable (cannot read property Symbol(Symbol.iterator))")).toMatchObject({ errorClass: "not-iterable", subject: "undefined", nullish: "undefined" });
    expect(codeBug("TypeError", "object is not iterable (cannot read property Symbol(Symbol.iterator))")).toMatchObject({ errorClass: "not-iterable", subject: "object" });
    expect(codeBug("TypeError", "Cannot convert undefined or null to object")).toMatchObject({ errorClass: "not-iterable", subject: null });
    expect(classifyError("Error", "watchers is not iterable").kind).toBe("unknown");
  });

  it("recognises reduce() of an empty list without an initial value", () => {
    expect(codeBug("TypeError", "Reduce of empty array with no initial value")).toMatchObject({ errorClass: "reduce-empty", subject: null });
    expect(classifyError("Error", "Reduce of empty array with no initial value").kind).toBe("unknown");
  });

  it("recognises assignment to a constant (V8 and Firefox wording)", () => {
    expect(codeBug("TypeError", "Assignment to constant variable.")).toMatchObject({ errorClass: "const-assignment", subject: null });
    expect(codeBug("TypeError", "invalid assignment to const 'total'")).toMatchObject({ errorClass: "const-assignment", subject: "total" });
  });
});

describe("classifyError: transient and unknown", () => {
  it.each([
    ["TypeError", "fetch failed"],
    ["Error", "connect ECONNREFUSED 127.0.0.1:5432"],
    ["Error", "read ECONNRESET"],
    ["Error", "getaddrinfo ENOTFOUND api.example.com"],
    ["Error", "getaddrinfo EAI_AGAIN db"],
    ["Error", "connect ETIMEDOUT 10.0.0.1:443"],
    ["Error", "socket hang up"],
    ["AxiosError", "Request failed with status code 503"],
    ["Error", "Request failed with status code 504"],
    ["Error", "502 Bad Gateway"],
    ["Error", "upstream connect error or disconnect/reset before headers"],
    ["Error", "Request failed with status code 429"],
    ["Error", "429 Too Many Requests"],
    ["Error", "Rate limit exceeded, retry in 20s"],
    ["AbortError", "This operation was aborted"],
    ["TimeoutError", "The operation was aborted due to timeout"],
    ["TypeError", "error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)"],
    ["Error", "connection refused"],
  ])("treats %s %s as transient", (type, message) => {
    expect(classifyError(type, message).kind).toBe("transient");
  });

  it("treats an upstream HTML error page that fails to parse as transient, not a body bug", () => {
    expect(classifyError("SyntaxError", `Unexpected token '<', "<html>502 Bad Gateway" is not valid JSON`).kind).toBe("transient");
  });

  it("returns unknown with a reason for anything else", () => {
    const result = classifyError("Error", "Payment declined by issuer");
    expect(result).toMatchObject({ kind: "unknown" });
  });

  it("stays fast on a very long hostile message", () => {
    const hostile = `Cannot read properties of undefined (reading '${"a".repeat(100_000)}`;
    const started = performance.now();
    classifyError("TypeError", hostile);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe("importerFromMessage", () => {
  it("reads the importer of an ESM resolution failure", () => {
    expect(importerFromMessage("Cannot find module '/app/src/a.js' imported from /app/src/b.js")).toBe("/app/src/b.js");
    expect(importerFromMessage("Cannot find module '/app/src/a.js' imported from file:///app/src/b.js")).toBe("/app/src/b.js");
  });

  it("reads the first entry of a CommonJS require stack", () => {
    expect(importerFromMessage("Cannot find module '../lib/x'\nRequire stack:\n- /app/src/y.js\n- /app/src/index.js")).toBe("/app/src/y.js");
  });

  it("reads Deno's import location", () => {
    expect(importerFromMessage('Module not found "file:///src/x.ts".\n    at file:///src/main.ts:1:15')).toBe("/src/main.ts");
  });

  it("returns null when no importer is named", () => {
    expect(importerFromMessage('Module not found "file:///src/x.ts".')).toBeNull();
  });
});
