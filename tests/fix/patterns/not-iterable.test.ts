import { describe, expect, it } from "vitest";
import { proposeFixes } from "../../../src/fix/pattern-library.ts";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function proposals(file: string, source: string, marker: string, message: string) {
  const found = await proposeFixes(fixContext({ file, source, line: lineOf(source, marker), message }));
  for (const candidate of found.candidates) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("not-iterable", () => {
  it("reuses the code's own fallback for the same list before an empty default of its own", async () => {
    const source = `function view(ticket) {
  return { id: ticket.id, watchers: ticket.watchers ?? [] };
}
function recipients(ticket, author) {
  const found = new Set();
  for (const watcher of ticket.watchers) {
    if (watcher !== author) found.add(watcher);
  }
  return found;
}
module.exports = { view, recipients };
`;
    const { candidates } = await proposals("src/tickets.js", source, "for (const watcher", "ticket.watchers is not iterable");
    expect(candidates[0]!.style).toBe("code-default");
    expect(candidates[0]!.summary).toContain("src/tickets.js:2");
    expect(candidates[0]!.changes[0]!.after).toBe(source.replace("of ticket.watchers)", "of ticket.watchers ?? [])"));
  });

  it("gives a destructured name an empty default where it enters when Object.keys reads it", async () => {
    const source = `export function upcoming(hours) {
  const { weekly, exceptions } = hours;
  return Object.keys(exceptions).map((day) => ({ day, open: exceptions[day] ? exceptions[day].join("-") : "closed", weekly }));
}
`;
    const { candidates } = await proposals("src/hours.js", source, "Object.keys", "Cannot convert undefined or null to object");
    expect(candidates.map((item) => item.changes[0]!.after)).toEqual([
      source.replace("const { weekly, exceptions } = hours;", "const { weekly, exceptions = {} } = hours;"),
      source.replace("Object.keys(exceptions)", "Object.keys(exceptions ?? {})"),
    ]);
    expect(candidates[0]!.expectation.outcome).toBe("completes");
  });

  it("leaves a value of the wrong shape (an object, not a list) to a person", async () => {
    const source = `function point(body) {\n  const [lat, lon] = body.location;\n  return { lat, lon };\n}\n`;
    const { candidates, dropped } = await proposals("src/point.js", source, "body.location", "object is not iterable (cannot read property Symbol(Symbol.iterator))");
    expect(candidates).toEqual([]);
    expect(dropped).toEqual([]);
  });

  it("proposes an empty list where a missing one is only spread and counted", async () => {
    const source = `app.get("/t/:id", (req, res) => {
  const ticket = tickets.get(req.params.id);
  const names = [...ticket.watchers];
  res.json({ watchers: names.length });
});
`;
    const { candidates } = await proposals("src/t.js", source, "...ticket.watchers", "ticket.watchers is not iterable");
    // A missing list counted as 0 watchers is honest: nothing reads a member of it.
    expect(candidates.some((item) => item.changes[0]!.after!.includes("[...ticket.watchers ?? []]"))).toBe(true);
  });
});
