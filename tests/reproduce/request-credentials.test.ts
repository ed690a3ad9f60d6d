import { describe, expect, it } from "vitest";
import { readModuleFacts } from "../../src/reproduce/module-facts.ts";
import { headersInTests, requestVariants } from "../../src/reproduce/request-credentials.ts";

describe("credentials from the tests", () => {
  const source = 'await app.inject({ url: "/a", headers: { Authorization: "Bearer test-token", "x-tenant-id": "t1", accept: "application/json" } });\nfetch(url, { headers: { authorization: "ignored, first wins" } });\n';
  const modules = new Map([["test/a.test.js", readModuleFacts("test/a.test.js", source, new Set())!]]);
  const headers = headersInTests(modules, ["test/a.test.js"]);

  it("reads the header values the tests send", () => {
    expect(headers).toEqual({ authorization: "Bearer test-token", "x-tenant-id": "t1", accept: "application/json" });
  });

  it("puts the tests' value where the recording scrubbed one, and drops what the tests cannot supply", () => {
    const [variant] = requestVariants({ method: "GET", url: "/a", headers: { authorization: "[Filtered]", cookie: "[Filtered]", "x-tenant-id": "t9" }, body: null }, headers);
    expect(variant).toEqual({
      request: { method: "GET", url: "/a", headers: { authorization: "Bearer test-token", "x-tenant-id": "t9" }, body: null },
      change: "the tests' authorization in place of the scrubbed value, without the scrubbed cookie",
    });
  });

  it("tries the tests' credentials first when the recording has none, and the request as recorded after", () => {
    const variants = requestVariants({ method: "GET", url: "/a", headers: { accept: "*/*" }, body: null }, headers);
    expect(variants.map((variant) => [variant.request.headers, variant.change])).toEqual([
      [{ accept: "*/*", authorization: "Bearer test-token", "x-tenant-id": "t1" }, "with the tests' credentials (authorization, x-tenant-id)"],
      [{ accept: "*/*" }, null],
    ]);
  });
});
