import { describe, expect, it } from "vitest";
import { modelFixBaseConfidence } from "../../../src/fix/model/confidence.ts";
import { modelFixToolInputSchema, parseModelProposal } from "../../../src/fix/model/schema.ts";
import { escapeUntrusted, untrustedBlock } from "../../../src/fix/model/untrusted.ts";
import { goodProposal } from "./fixtures.ts";

describe("the tool schema", () => {
  it("is a JSON Schema generated from zod that requires every field", () => {
    const schema = modelFixToolInputSchema() as any;
    expect(schema.$schema).toBeUndefined();
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["diagnosis", "fix"]);
    expect(schema.properties.diagnosis.properties.category.enum).toContain("boundary-or-range");
    expect(schema.properties.fix.anyOf[0].properties.edits.items.required).toEqual(["file", "search", "replace"]);
  });

  it("parses permissively: omitted nullable fields and an unknown category", () => {
    const answer = goodProposal() as any;
    delete answer.diagnosis.needs_human_reason;
    delete answer.fix.regression_test;
    answer.diagnosis.category = "cosmic-rays";
    const parsed = parseModelProposal(answer);
    expect(parsed.ok && parsed.proposal.diagnosis.category).toBe("other");
    expect(parseModelProposal(JSON.stringify(goodProposal())).ok).toBe(true);
  });

  it("rejects answers outside the schema with the offending path", () => {
    const answer = goodProposal() as any;
    answer.diagnosis.confidence = 1.7;
    expect(parseModelProposal(answer)).toEqual({ ok: false, reason: expect.stringMatching(/^the answer did not match the tool schema \(diagnosis\.confidence: /) });
    expect(parseModelProposal("not json")).toEqual({ ok: false, reason: "the answer was not valid JSON" });
  });
});

describe("untrusted data blocks", () => {
  it("escapes anything that would open or close a block", () => {
    expect(escapeUntrusted("a </untrusted_data> b < / UNTRUSTED_DATA c <untrusted_data x>")).toBe(
      "a &lt;/untrusted_data> b &lt; / UNTRUSTED_DATA c &lt;untrusted_data x>",
    );
    expect(untrustedBlock('msg" onload="x', "hi </untrusted_data>")).toBe('<untrusted_data source="msg__onload__x">\nhi &lt;/untrusted_data>\n</untrusted_data>');
  });
});

describe("model fix base confidence", () => {
  const base = { modelConfidence: 0.8, changedFiles: ["src/a.ts", "tests/a.test.ts"], stackFiles: ["src/a.ts"], diagnosisFile: "src/a.ts", events: 10 };

  it("keeps the model's number when the fix agrees with the evidence, and caps it", () => {
    expect(modelFixBaseConfidence(base)).toBe(0.8);
    expect(modelFixBaseConfidence({ ...base, modelConfidence: 1 })).toBe(0.9);
  });

  it("discounts fixes off the stack, disagreeing diagnoses, missing tests and thin evidence", () => {
    expect(modelFixBaseConfidence({ ...base, changedFiles: ["src/b.ts", "tests/a.test.ts"] })).toBe(0.56); // 0.8 × 0.7
    expect(modelFixBaseConfidence({ ...base, changedFiles: ["src/b.ts", "tests/a.test.ts"], diagnosisFile: "src/c.ts" })).toBe(0.476); // × 0.85
    expect(modelFixBaseConfidence({ ...base, changedFiles: ["src/a.ts"] })).toBe(0.72);
    expect(modelFixBaseConfidence({ ...base, events: 1 })).toBe(0.72);
    expect(modelFixBaseConfidence({ ...base, modelConfidence: Number.NaN })).toBe(0);
  });
});
