import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseToolInput } from "../../src/llm/tool-input.ts";

describe("parseToolInput", () => {
  const schema = z.object({ path: z.string(), lines: z.number().int() });

  it("takes an object or the JSON string of one", () => {
    expect(parseToolInput(schema, { path: "a", lines: 2 })).toEqual({ ok: true, value: { path: "a", lines: 2 } });
    expect(parseToolInput(schema, '{"path":"a","lines":2}')).toEqual({ ok: true, value: { path: "a", lines: 2 } });
  });

  it("says which fields are wrong, and when the text is no JSON at all", () => {
    expect(parseToolInput(schema, { path: 1 })).toEqual({ ok: false, reason: expect.stringMatching(/^the answer did not match the tool schema \(path: .*; lines: .*\)$/) });
    expect(parseToolInput(schema, "{nope")).toEqual({ ok: false, reason: "the answer was not valid JSON" });
  });
});
