import { describe, expect, it } from "vitest";
import { proposeFixes } from "../../../src/fix/pattern-library.ts";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { fixContext, lineOf } from "../fix-context.ts";

// A default is honest when it is the code's own: the fallback another function already uses for
// the same value. These tests give the pattern that evidence, and take it away.

async function first(options: { file: string; source: string; marker: string; message: string; files?: Record<string, string> }) {
  const { candidates } = await proposeFixes(fixContext({ file: options.file, source: options.source, line: lineOf(options.source, options.marker), message: options.message, files: options.files }));
  for (const candidate of candidates) for (const change of candidate.changes) expect(parsesCleanly(change.path, change.after ?? "")).toBe(true);
  return candidates;
}

describe("the code's own fallback for a missing value", () => {
  it("reads the same property through optional chaining with the fallback a sibling uses (x?.p ?? body.fw)", async () => {
    const source = `function deviceMeta(record, body) {
  return { firmware: record.attributes.firmware?.stringValue ?? body.fw };
}
function decode(record) {
  const body = JSON.parse(record.body);
  const firmware = record.attributes.firmware.stringValue;
  return { firmware, celsius: body.t };
}
module.exports = { deviceMeta, decode };
`;
    const [best] = await first({ file: "src/decode.js", source, marker: "const firmware", message: "Cannot read properties of undefined (reading 'stringValue')" });
    expect(best!.style).toBe("code-default");
    expect(best!.changes[0]!.after).toBe(source.replace("const firmware = record.attributes.firmware.stringValue;", "const firmware = record.attributes.firmware?.stringValue ?? body.fw;"));
    expect(best!.rank).toEqual({ strategy: "default", fit: 1 });
  });

  it("imports the default another module uses for the same member, into the file's existing import", async () => {
    const store = `export const DEFAULT_PREFERENCES = { topics: ["news"] };\nexport const store = { subscribers: [] };\n`;
    const profile = `import { DEFAULT_PREFERENCES, store } from "../lib/store.js";
export function GET(id) {
  const subscriber = store.subscribers.find((s) => s.id === id);
  return Response.json({ ...subscriber, preferences: subscriber.preferences ?? DEFAULT_PREFERENCES });
}
`;
    const source = `import { store } from "../lib/store.js";
export function recipients(topic) {
  return store.subscribers.filter((s) => s.preferences.topics.includes(topic));
}
`;
    const [best] = await first({ file: "app/send.js", source, marker: "s.preferences.topics", message: "Cannot read properties of undefined (reading 'topics')", files: { "lib/store.js": store, "app/profile.js": profile } });
    expect(best!.style).toBe("code-default");
    expect(best!.changes[0]!.after).toBe(`import { store, DEFAULT_PREFERENCES } from "../lib/store.js";
export function recipients(topic) {
  return store.subscribers.filter((s) => (s.preferences ?? DEFAULT_PREFERENCES).topics.includes(topic));
}
`);
    expect(best!.summary).toContain("app/profile.js:4");
  });

  it("invents no default when the code has none: only optional chaining inside the filter test remains", async () => {
    const source = `import { store } from "../lib/store.js";
export function recipients(topic) {
  return store.subscribers.filter((s) => s.preferences.topics.includes(topic));
}
`;
    const { candidates, dropped } = await proposeFixes(fixContext({ file: "app/send.js", source, line: 3, message: "Cannot read properties of undefined (reading 'topics')" }));
    expect(candidates.map((candidate) => candidate.style)).toEqual(["optional-chaining"]);
    expect(candidates[0]!.changes[0]!.after).toContain("s.preferences?.topics.includes(topic)");
    expect(dropped).toEqual([]);
  });
});
