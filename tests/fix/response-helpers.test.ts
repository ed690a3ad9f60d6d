import { describe, expect, it } from "vitest";
import { findResponseHelpers, statusOfHelperName } from "../../src/fix/response-helpers.ts";
import { memoryRepo, programOf } from "./fix-context.ts";
import { HTTP_TS, USERS_TS } from "../fixtures/shop-api-sources.ts";

// Response helper discovery (`notFound`, `json`, ...) across a file and the modules it imports.
// USERS_TS and HTTP_TS are in tests/fixtures/shop-api-sources.ts.

describe("findResponseHelpers", () => {
  it("reads the imported helpers module: imported helpers, importable ones, and never request readers", async () => {
    const users = programOf("src/routes/users.ts", USERS_TS);
    const knowledge = await findResponseHelpers(users, "src/routes/users.ts", memoryRepo({ "src/lib/http.ts": HTTP_TS }));
    expect([...knowledge.responders].sort()).toEqual(["getUser", "json", "listUserOrders", "listUsers", "notFound"]);
    const byName = Object.fromEntries(knowledge.helpers.map((helper) => [helper.name, helper]));
    expect(Object.keys(byName).sort()).toEqual(["badRequest", "json", "notFound", "unprocessable"]);
    expect(byName.json).toMatchObject({ status: null, argument: "body", takesStatus: true, required: 1, origin: "imported" });
    expect(byName.notFound).toMatchObject({ status: 404, argument: "noun", origin: "imported" });
    expect(byName.badRequest).toMatchObject({ status: 400, argument: "message", origin: "importable" });
    expect(byName.badRequest!.importDeclaration?.source.value).toBe("../lib/http.ts");
    expect(byName.unprocessable).toMatchObject({ status: 422, argument: "message", origin: "importable" });
  });

  it("resolves a .js specifier to the .ts source, follows export lists, and skips type-only and unreadable imports", async () => {
    const helpers = `const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
function missing(what: string) {
  return reply({ error: \`\${what} not found\` }, 404);
}
export { reply as json, missing as notFound };
`;
    const source = `import { json, notFound } from "./helpers.js";
import type { Thing } from "./types.ts";
import { render } from "./views.js";

export function show(request: Request) {
  return notFound("thing");
}
`;
    const knowledge = await findResponseHelpers(programOf("src/show.ts", source), "src/show.ts", memoryRepo({ "src/helpers.ts": helpers }));
    expect([...knowledge.responders].sort()).toEqual(["json", "notFound", "show"]);
    expect(knowledge.helpers.map((helper) => [helper.name, helper.status, helper.argument])).toEqual([
      ["json", null, "body"],
      ["notFound", 404, "noun"],
    ]);
  });

  it("knows a file's own helpers, a zero-argument one included, and not its handlers", async () => {
    const source = `function unauthorized(): Response {
  return new Response("sign in", { status: 401 });
}
function getOrder(request: Request): Response {
  return unauthorized();
}
`;
    const knowledge = await findResponseHelpers(programOf("src/orders.ts", source), "src/orders.ts", memoryRepo({}));
    expect([...knowledge.responders].sort()).toEqual(["getOrder", "unauthorized"]);
    expect(knowledge.helpers.map((helper) => [helper.name, helper.status, helper.argument, helper.origin])).toEqual([["unauthorized", 401, "none", "local"]]);
  });

  it("reads the status a helper's name promises", () => {
    expect(["notFound", "badRequest", "unprocessable", "unprocessableEntity", "sendNotFound", "notFoundResponse", "json", "ok"].map(statusOfHelperName)).toEqual([404, 400, 422, 422, 404, 404, null, null]);
  });
});
