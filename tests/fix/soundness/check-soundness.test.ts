import { describe, expect, it } from "vitest";
import { type SoundnessRule, checkSoundness } from "../../../src/fix/soundness/check-soundness.ts";

// The failure shapes of fixes that made a crash vanish at one frame and nowhere else, each a
// change the checker must refuse, beside the honest version of the same fix that it accepts.

function check(path: string, before: string, after: string) {
  return checkSoundness([{ path, before, after }]);
}

function rules(path: string, before: string, after: string): SoundnessRule[] {
  return check(path, before, after).map((problem) => problem.rule);
}

describe("guard-covers-uses", () => {
  const before = `export function label(rows, id) {
  const row = rows.find((r) => r.id === id);
  const key = row.id;
  return key + ": " + row.name;
}
`;

  it("refuses optional chaining at the crash site when the next line reads the same binding (row?.id, then row.name)", () => {
    const problems = check("src/label.js", before, before.replace("row.id;", "row?.id;"));
    const guard = problems.filter((problem) => problem.rule === "guard-covers-uses");
    expect(guard).toHaveLength(1);
    expect(guard[0]!.line).toBe(4);
    expect(guard[0]!.message).toContain("row.name");
  });

  it("accepts an early exit that dominates every later read", () => {
    const after = before.replace("  const key = row.id;\n", "  if (!row) return null;\n  const key = row.id;\n");
    expect(check("src/label.js", before.replace("return key", "if (!id) return null;\n  return key"), after.replace("return key", "if (!id) return null;\n  return key"))).toEqual([]);
  });

  it("refuses an exit guard whose block ends before a later read", () => {
    const source = `export function total(order, flag) {
  let sum = 0;
  if (flag) {
    sum = order.subtotal;
  }
  return sum + order.shipping;
}
`;
    const after = source.replace("  if (flag) {\n", "  if (flag) {\n    if (!order) return 0;\n");
    const problems = check("src/total.js", source, after);
    expect(problems.map((problem) => problem.rule)).toContain("guard-covers-uses");
    expect(problems.find((problem) => problem.rule === "guard-covers-uses")!.line).toBe(7);
  });

  it("accepts optional chaining when every later read is tested first", () => {
    const source = `export function greet(user) {
  console.log(user.id);
  if (user) {
    return "hi " + user.name;
  }
  return null;
}
`;
    expect(check("src/greet.js", source, source.replace("user.id", "user?.id"))).toEqual([]);
  });

  it("refuses optional chaining inside a callback when the callback reads the value again", () => {
    const source = `const cards = (cls) => cls.roster.map((id) => ({ id, cls: cls.id }));
module.exports = { cards };
`;
    const problems = check("src/cards.js", source, source.replace("cls.roster", "cls?.roster"));
    expect(problems.map((problem) => problem.rule)).toContain("guard-covers-uses");
  });

  it("accepts an optional call whose result is dropped (a hook some objects do not define)", () => {
    const source = `function broadcast(bots, message) {
  for (const bot of bots) {
    bot.onMessage(message);
  }
}
`;
    expect(check("src/bots.js", source, source.replace("bot.onMessage(", "bot.onMessage?.("))).toEqual([]);
  });
});

describe("optional-flows-safely", () => {
  it("refuses text!?.replace(…).replace(…) whose result is then split", () => {
    const before = `export function words(input: { text?: string }): string[] {
  const cleaned = input.text!.replace(/\\s+/g, " ").replace(/[.,]/g, "");
  return cleaned.split(" ");
}
`;
    const problems = check("src/words.ts", before, before.replace("input.text!.replace", "input.text!?.replace"));
    expect(problems.map((problem) => problem.rule)).toEqual(["optional-flows-safely"]);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toContain(".split");
  });

  it("refuses settings?.rate on a bill: the missing rate becomes NaN", () => {
    const before = `function invoice(order, settings) {
  const tax = order.subtotal * settings.rate;
  return { subtotal: order.subtotal, tax, total: order.subtotal + tax };
}
module.exports = { invoice };
`;
    const problems = check("src/billing.js", before, before.replace("settings.rate", "settings?.rate"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.rule).toBe("optional-flows-safely");
    expect(problems[0]!.message).toContain("arithmetic");
  });

  it("refuses a missing value written into a string, compared, or put into an answer", () => {
    const built = `function line(user) {
  return \`Dear \${user.name}\`;
}
`;
    expect(rules("a.js", built, built.replace("user.name", "user?.name"))).toEqual(["optional-flows-safely"]);

    const compared = `function overdue(invoice, now) {
  if (invoice.dueAt < now) return true;
  return false;
}
`;
    expect(rules("b.js", compared, compared.replace("invoice.dueAt", "invoice?.dueAt"))).toEqual(["optional-flows-safely"]);

    const answered = `app.get("/u/:id", (req, res) => {
  const user = users.get(req.params.id);
  res.json({ email: user.email });
});
`;
    expect(rules("c.js", answered, answered.replace("user.email", "user?.email"))).toEqual(["optional-flows-safely"]);
  });

  it("accepts a missing value that is only tested, given a fallback, or logged", () => {
    const source = `function flags(account) {
  if (account.settings.beta) enableBeta();
  const plan = account.plan.name || "free";
  console.log(account.region.code);
  return plan;
}
`;
    const after = source.replace("account.settings.beta", "account.settings?.beta").replace("account.plan.name", "account.plan?.name").replace("account.region.code", "account.region?.code");
    expect(check("src/flags.js", source, after)).toEqual([]);
  });

  it("follows a missing value into a function of the same file", () => {
    const source = `function cents(amount) {
  return Math.round(amount * 100);
}
function priced(item) {
  return cents(item.price.value);
}
`;
    const problems = check("src/price.js", source, source.replace("item.price.value", "item.price?.value"));
    expect(problems.map((problem) => problem.rule)).toEqual(["optional-flows-safely"]);
    expect(problems[0]!.message).toContain("cents()");
  });

  it("refuses an early return of null from a function whose callers always got a value", () => {
    const source = `function fullName(user) {
  return user.first + " " + user.last;
}
`;
    const after = source.replace("  return user.first", "  if (!user) return null;\n  return user.first");
    expect(rules("src/name.js", source, after)).toEqual(["optional-flows-safely"]);
    const typed = `function fullName(user: User | null): string | null {
  return user.first + " " + user.last;
}
`;
    expect(check("src/name.ts", typed, typed.replace("  return user.first", "  if (!user) return null;\n  return user.first"))).toEqual([]);
  });
});

describe("default-provides-members", () => {
  const before = `const owners = (pets) => pets.map(({ owner }) => owner.name);
module.exports = { owners };
`;

  it("refuses a = {} default in a destructuring callback whose nested field (owner.name) still throws", () => {
    const problems = check("src/owners.js", before, before.replace("({ owner })", "({ owner } = {})"));
    expect(problems.map((problem) => problem.rule)).toEqual(["default-provides-members"]);
    expect(problems[0]!.message).toContain("owner");
    expect(problems[0]!.message).toContain(".name");
  });

  it("refuses a nested destructuring from a default that does not provide it", () => {
    const nested = `const owners = (pets) => pets.map(({ owner: { name } }) => name);
module.exports = { owners };
`;
    expect(rules("src/owners.js", nested, nested.replace("({ owner: { name } })", "({ owner: { name } } = {})"))).toEqual(["default-provides-members"]);
  });

  it("refuses { owner: {} }: the name is still missing and goes into the list", () => {
    const problems = rules("src/owners.js", before, before.replace("({ owner })", "({ owner } = { owner: {} })"));
    expect(problems).toContain("default-provides-members");
  });

  it("refuses a default that invents data", () => {
    const problems = check("src/owners.js", before, before.replace("({ owner })", '({ owner } = { owner: { name: "Unknown" } })'));
    expect(problems.map((problem) => problem.rule)).toEqual(["default-provides-members"]);
    expect(problems[0]!.message).toContain("invents");
  });

  it("accepts a default whose every read member is provided or has its own default", () => {
    const source = `function price(line) {
  const { size, extras } = line.options;
  return { size, extras: extras.length };
}
`;
    const after = source.replace("const { size, extras } = line.options;", "const { size = null, extras = [] } = line.options ?? {};");
    expect(check("src/price.js", source, after)).toEqual([]);
  });

  it("accepts the code's own default value and an empty list that is only iterated", () => {
    const source = `import { DEFAULT_PREFERENCES } from "./store.js";
export function wants(s, topic) {
  return s.preferences.topics.includes(topic);
}
export function notify(ticket, send) {
  for (const watcher of ticket.watchers) send(watcher);
}
`;
    const after = source
      .replace("s.preferences.topics", "(s.preferences ?? DEFAULT_PREFERENCES).topics")
      .replace("of ticket.watchers)", "of ticket.watchers ?? [])");
    expect(check("src/notify.js", source, after)).toEqual([]);
  });

  it("refuses ?? {} when a member read from it is read further", () => {
    const source = `export function wants(s, topic) {
  return s.preferences.topics.includes(topic);
}
`;
    expect(rules("src/w.js", source, source.replace("s.preferences.topics", "(s.preferences ?? {}).topics"))).toEqual(["default-provides-members"]);
  });
});

describe("normalization-keeps-input", () => {
  const before = `function tally(counts, answer) {
  answer.forEach((choice) => {
    counts[choice] += 1;
  });
}
`;

  it("refuses Array.isArray(v) ? v : [], which drops the single value a user sent", () => {
    const problems = check("src/tally.js", before, before.replace("  answer.forEach", "  (Array.isArray(answer) ? answer : []).forEach"));
    expect(problems.map((problem) => problem.rule)).toEqual(["normalization-keeps-input"]);
    expect(problems[0]!.message).toContain("[answer]");
  });

  it("accepts [v], a nullish-aware [v], and [].concat(v)", () => {
    expect(check("src/tally.js", before, before.replace("  answer.forEach", "  (Array.isArray(answer) ? answer : [answer]).forEach"))).toEqual([]);
    expect(check("src/tally.js", before, before.replace("  answer.forEach", "  (answer == null ? [] : Array.isArray(answer) ? answer : [answer]).forEach"))).toEqual([]);
    expect(check("src/tally.js", before, before.replace("  answer.forEach", "  [].concat(answer).forEach"))).toEqual([]);
  });

  it("refuses skipping a value that is not an array, and .filter(Boolean)", () => {
    expect(rules("src/tally.js", before, before.replace("  answer.forEach", "  Array.isArray(answer) && answer.forEach"))).toEqual(["normalization-keeps-input"]);
    const list = `const sizes = (photos) => photos.map((photo) => photo.width);\n`;
    expect(rules("src/p.js", list, list.replace("photos.map", "photos.filter(Boolean).map"))).toEqual(["normalization-keeps-input"]);
    expect(check("src/p.js", list, list.replace("photos.map", "photos.filter((photo) => photo != null).map"))).toEqual([]);
  });
});

describe("checkSoundness", () => {
  it("ignores constructs that were already in the code and files it cannot read", () => {
    const source = `function f(a) {
  const x = a?.b;
  return x.c;
}
`;
    expect(check("src/f.js", source, source.replace("function f(a) {", "function f(a) {\n  // same code, one comment more"))).toEqual([]);
    expect(check("README.md", "a", "b")).toEqual([]);
    expect(checkSoundness([{ path: "src/new.js", before: null, after: "export const a = b?.c.d;\n" }])).toEqual([]);
  });
});
