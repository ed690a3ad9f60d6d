import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/fix/parse-source.ts";
import { apiGatewayEvent, lambdaFacts, parseRequestUrl, pathParametersFor, routeTemplates } from "../../src/reproduce/lambda-event.ts";
import { expectsPromisedParams, matchRoute, routeSegments } from "../../src/reproduce/next-route.ts";
import type * as t from "@babel/types";

function fn(source: string): t.Function {
  const statement = parseSource("x.ts", source).program.body[0]!;
  if (statement.type === "FunctionDeclaration") return statement;
  if (statement.type === "ExportNamedDeclaration" && statement.declaration?.type === "FunctionDeclaration") return statement.declaration;
  throw new Error("not a function");
}

describe("Next route files", () => {
  it("turn folders into URL segments, leaving out groups and slots", () => {
    expect(routeSegments("src/app/(shop)/@modal/items/[id]/[...rest]/route.ts")).toEqual([
      { kind: "static", value: "items" },
      { kind: "param", name: "id" },
      { kind: "catch-all", name: "rest", optional: false },
    ]);
    expect(routeSegments("app/route.js")).toEqual([]);
    expect(routeSegments("src/routes/items.ts")).toBeNull();
  });

  it("match a path and give its params", () => {
    const segments = routeSegments("app/docs/[[...slug]]/route.ts")!;
    expect(matchRoute(segments, "/docs")).toEqual({});
    expect(matchRoute(segments, "/docs/a/b%20c")).toEqual({ slug: ["a", "b c"] });
    expect(matchRoute(routeSegments("app/items/[id]/route.ts")!, "/items/7/extra")).toBeNull();
  });

  it("know when a handler awaits its params (Next 15)", () => {
    expect(expectsPromisedParams(fn("export async function GET(r, { params }) { const { id } = await params; }"), "export async function GET(r, { params }) { const { id } = await params; }")).toBe(true);
    const typed = "export async function GET(r: Request, ctx: { params: Promise<{ id: string }> }) { return ctx; }";
    expect(expectsPromisedParams(fn(typed), typed)).toBe(true);
    expect(expectsPromisedParams(fn("export function GET(r, { params }) { return params.id; }"), "export function GET(r, { params }) { return params.id; }")).toBe(false);
  });
});

describe("API Gateway events", () => {
  const v1Source = "function handler(event) { return event.httpMethod + event.pathParameters.orderId + event.queryStringParameters.page; }";
  const v2Source = "function handler(event, context) { return event.requestContext.http.method + event.rawPath; }";

  it("decide the payload version from the fields read", () => {
    expect(lambdaFacts(fn(v1Source), v1Source)).toMatchObject({ version: "v1", pathParameters: ["orderId"], takesContext: false });
    expect(lambdaFacts(fn(v2Source), v2Source)).toMatchObject({ version: "v2", takesContext: true, usesCallback: false });
  });

  it("build a v1 event without the stage an execute-api URL starts with", () => {
    const event = apiGatewayEvent(
      { method: "get", url: "https://a1.execute-api.eu-west-1.amazonaws.com/prod/orders/ord_2?page=2&page=3", headers: { Accept: "text/html" }, body: null },
      lambdaFacts(fn(v1Source), v1Source),
      ["/orders/{orderId}"],
    );
    expect(event).toMatchObject({
      resource: "/orders/{orderId}",
      path: "/orders/ord_2",
      httpMethod: "GET",
      pathParameters: { orderId: "ord_2" },
      queryStringParameters: { page: "3" },
      multiValueQueryStringParameters: { page: ["2", "3"] },
      requestContext: { stage: "prod", path: "/prod/orders/ord_2" },
    });
  });

  it("build a v2 event with lower-cased headers and joined repeated query values", () => {
    const event = apiGatewayEvent({ method: "POST", url: "https://x.lambda-url.eu-central-1.on.aws/signup?a=1&a=2", headers: { "Content-Type": "text/plain" }, body: "hi" }, lambdaFacts(fn(v2Source), v2Source));
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /signup",
      rawPath: "/signup",
      rawQueryString: "a=1&a=2",
      headers: { "content-type": "text/plain" },
      queryStringParameters: { a: "1,2" },
      requestContext: { http: { method: "POST", path: "/signup" } },
      body: "hi",
    });
  });

  it("read route templates from serverless and SAM config", () => {
    expect(routeTemplates("functions:\n  get:\n    events:\n      - http:\n          path: orders/{orderId}\n          method: get\nRoutes:\n  Path: /users/{id+}\n")).toEqual(["/orders/{orderId}", "/users/{id+}"]);
    expect(pathParametersFor("/users/a/b", ["id"], ["/users/{id+}"])).toEqual({ id: "a/b" });
    expect(pathParametersFor("/x/7", ["id"])).toEqual({ id: "7" });
    expect(parseRequestUrl("/a%20b?q=1+2#frag")).toEqual({ pathname: "/a%20b", rawQuery: "q=1+2", query: [["q", "1 2"]] });
  });
});
