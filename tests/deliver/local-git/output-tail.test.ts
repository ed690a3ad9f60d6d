import { describe, expect, it } from "vitest";
import { outputTail } from "../../../src/deliver/local-git/output-tail.ts";

describe("outputTail", () => {
  it("keeps the last lines without trailing blank lines", () => {
    const output = `${Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join("\n")}\n\n`;
    expect(outputTail(output, 3)).toBe("line 98\nline 99\nline 100");
  });

  it("strips colour codes and normalises CRLF", () => {
    expect(outputTail("\u001b[31mFAIL\u001b[39m test\r\n\u001b[1mTests 1 failed\u001b[22m\r\n")).toBe("FAIL test\nTests 1 failed");
  });

  it("caps the size even for a few enormous lines", () => {
    const tail = outputTail(`start\n${"x".repeat(50_000)}end`, 60, 100);
    expect(tail).toHaveLength(100);
    expect(tail.endsWith("end")).toBe(true);
  });
});
