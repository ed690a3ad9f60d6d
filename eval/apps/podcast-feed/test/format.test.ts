import { describe, expect, it } from "vitest";
import { formatDuration, formatSize } from "../src/lib/format.ts";

describe("formatDuration", () => {
  it("formats minutes and hours", () => {
    expect(formatDuration(75)).toBe("1:15");
    expect(formatDuration(3310)).toBe("55:10");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});

describe("formatSize", () => {
  it("rounds to a tenth of a megabyte", () => {
    expect(formatSize(46.14)).toBe("46.1 MB");
  });
});
