import { describe, expect, it } from "vitest";
import { answerShape, fitsShape, judgeAnswer, shapeOf, successShapes } from "../../src/reproduce/judge-answer.ts";
import type { Answer } from "../../src/reproduce/reproduction.ts";

const crashed: Answer = { kind: "response", status: 500, body: '{"error":"internal"}', contentType: "application/json" };
const response = (status: number, body: string): Answer => ({ kind: "response", status, body, contentType: "application/json" });
const invoiceShapes = successShapes([{ answer: response(200, '{"id":"inv_1","total":150,"lines":[{"amount":150}]}') }]);
const request = { stillThrows: false, request: true };

describe("judgeAnswer", () => {
  it("accepts a client error in place of the crash", () => {
    expect(judgeAnswer(crashed, response(404, '{"error":"not_found"}'), invoiceShapes, request)).toEqual({
      accepted: true,
      reason: "It answers 404, a client error, instead of crashing (it was 500).",
    });
  });

  it("rejects a fix while the incident's error is still thrown, even behind a 4xx", () => {
    expect(judgeAnswer(crashed, response(404, "{}"), invoiceShapes, { stillThrows: true, request: true }).accepted).toBe(false);
  });

  it("rejects a server error, a redirect and an empty success", () => {
    expect(judgeAnswer(crashed, response(503, "{}"), invoiceShapes, request).reason).toMatch(/still answers 503/);
    expect(judgeAnswer(crashed, response(302, ""), invoiceShapes, request).reason).toMatch(/redirect/);
    expect(judgeAnswer(crashed, response(200, ""), invoiceShapes, request).reason).toMatch(/empty body/);
  });

  it("rejects a success whose shape lost a field or turned a number into null (a NaN serialized)", () => {
    expect(judgeAnswer(crashed, response(200, '{"id":"inv_9","lines":[]}'), invoiceShapes, request).reason).toMatch(/the answer\.total is missing/);
    expect(judgeAnswer(crashed, response(200, '{"id":"inv_9","total":null,"lines":[]}'), invoiceShapes, request).reason).toMatch(
      /the answer\.total is null where successful answers have a number/,
    );
  });

  it("accepts a success that keeps the route's shape, extra fields included", () => {
    const kept = judgeAnswer(crashed, response(200, '{"id":"inv_9","total":0,"lines":[],"note":"empty"}'), invoiceShapes, request);
    expect(kept).toEqual({ accepted: true, reason: "It answers 200, in the shape successful answers of this route have (it was 500)." });
  });

  it("rejects NaN, undefined and [object Object] anywhere in the answer", () => {
    expect(judgeAnswer(crashed, response(400, '{"error":"rate undefined"}'), [], request).accepted).toBe(false);
    expect(judgeAnswer(null, { kind: "returned", value: '{"amount":"NaN"}' }, [], { stillThrows: false, request: false }).reason).toMatch(/"NaN"/);
    expect(judgeAnswer(crashed, response(422, "Invalid [object Object]"), [], request).accepted).toBe(false);
  });

  it("judges an entry-point call by what it returns, and a new throw as a failure", () => {
    const call = { stillThrows: false, request: false };
    expect(judgeAnswer({ kind: "threw", type: "TypeError", message: "x" }, { kind: "returned", value: '{"amount":0,"currency":"EUR"}' }, [], call).accepted).toBe(true);
    expect(judgeAnswer(null, { kind: "threw", type: "RangeError", message: "no rate" }, [], call).reason).toBe("It now throws RangeError: no rate instead.");
    expect(judgeAnswer(null, { kind: "returned", value: "{}" }, [], request).accepted).toBe(false);
    expect(judgeAnswer(null, null, [], call).accepted).toBe(false);
  });
});

describe("shapes", () => {
  it("reads field names and kinds, lists by their first item", () => {
    expect(shapeOf({ a: 1, b: ["x"], c: null, d: { e: true } })).toEqual({
      kind: "object",
      fields: {
        a: { kind: "number" },
        b: { kind: "array", items: { kind: "string" } },
        c: { kind: "null" },
        d: { kind: "object", fields: { e: { kind: "boolean" } } },
      },
    });
    expect(answerShape(response(200, "plain words"))).toEqual({ kind: "text" });
  });

  it("lets an empty list fit any list, and not an object where a list was", () => {
    const expected = shapeOf({ items: [{ id: 1 }] });
    expect(fitsShape(shapeOf({ items: [] }), expected)).toEqual({ fits: true });
    expect(fitsShape(shapeOf({ items: {} }), expected)).toEqual({ fits: false, where: "the answer.items is an object, not a list" });
  });

  it("learns shapes only from 2xx answers", () => {
    expect(successShapes([{ answer: response(404, "{}") }, { answer: null }, { answer: response(201, '{"id":1}') }])).toEqual([{ kind: "object", fields: { id: { kind: "number" } } }]);
  });
});
