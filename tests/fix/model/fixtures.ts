import { parseSettings, type HealingSettings } from "../../../src/config/healing-config.ts";
import type { GroupEvidence, GroupSample } from "../../../src/store/errors/load-group-evidence.ts";

// A bug outside every pattern class (RangeError: Invalid array length) in a small repository,
// and the answers a scripted model gives about it.

export const MONEY_TS = `// Prices are integer cents everywhere.

export function toMajorUnits(cents: number): number {
  return Math.round(cents) / 100;
}

/** Splits a total into equal monthly installments; the last one takes the remainder. */
export function installments(totalCents: number, months: number): number[] {
  const base = Math.floor(totalCents / months);
  const plan = new Array(months - 1).fill(base);
  plan.push(totalCents - base * (months - 1));
  return plan;
}
`;

export const CHECKOUT_TS = `import { installments } from "../lib/money.ts";

export function quote(totalCents: number, months: number) {
  // Months come straight from the query string.
  return { plan: installments(totalCents, months) };
}
`;

export const MONEY_TEST_TS = `import { test } from "node:test";
import assert from "node:assert/strict";
import { toMajorUnits } from "../src/lib/money.ts";

test("converts cents to major units", () => {
  assert.equal(toMajorUnits(7950), 79.5);
});
`;

export const REPO_FILES: Record<string, string> = {
  "src/lib/money.ts": MONEY_TS,
  "src/routes/checkout.ts": CHECKOUT_TS,
  "tests/money.test.ts": MONEY_TEST_TS,
  "package.json": `{ "name": "shop", "type": "module" }\n`,
};

export function sample(overrides: Partial<GroupSample> = {}): GroupSample {
  return {
    event_id: "evt-1",
    occurred_at: new Date("2026-11-20T14:00:00Z"),
    error_type: "RangeError",
    message: "Invalid array length",
    causes: [],
    frames: [
      { file: "node_modules/router/index.js", function: "handle", line: 95, column: 5, inApp: false },
      { file: "src/routes/checkout.ts", function: "quote", line: 5, column: 19, inApp: true },
      { file: "src/lib/money.ts", function: "installments", line: 10, column: 16, inApp: true },
    ],
    release: "v1.5.0",
    request_method: "GET",
    request_route: "/checkout/quote",
    ...overrides,
  };
}

export function group(overrides: Partial<GroupEvidence> = {}, samples: GroupSample[] = [sample()]): GroupEvidence {
  return {
    id: "group-1",
    fingerprint: "fp-installments",
    title: "RangeError: Invalid array length",
    error_type: "RangeError",
    normalized_message: "Invalid array length",
    event_count: 14,
    user_count: 6,
    first_seen: new Date("2026-11-20T13:00:00Z"),
    last_seen: new Date("2026-11-20T14:00:00Z"),
    last_release: "v1.5.0",
    routes: [{ route: "GET /checkout/quote", events: 14 }],
    samples,
    ...overrides,
  };
}

export const REGRESSION_TEST_TS = `import { test } from "node:test";
import assert from "node:assert/strict";
import { installments } from "../src/lib/money.ts";

test("a plan of zero or one month is one payment", () => {
  assert.deepEqual(installments(1000, 0), [1000]);
  assert.deepEqual(installments(1000, 1), [1000]);
});

test("splits the remainder into the last installment", () => {
  assert.deepEqual(installments(1000, 3), [333, 333, 334]);
});
`;

/** The answer a good model gives: one guarded early return plus a regression test. */
export function goodProposal(overrides: { confidence?: number; regressionTest?: boolean } = {}) {
  return {
    diagnosis: {
      root_cause: "installments() builds new Array(months - 1), which throws RangeError when months is 0 (src/lib/money.ts:10).",
      file: "src/lib/money.ts",
      line: 10,
      category: "boundary-or-range",
      confidence: overrides.confidence ?? 0.86,
      fixable: true,
      needs_human_reason: null,
    },
    fix: {
      edits: [
        {
          file: "src/lib/money.ts",
          search: "  const base = Math.floor(totalCents / months);",
          replace: "  if (months <= 1) return [totalCents];\n  const base = Math.floor(totalCents / months);",
        },
      ],
      explanation: "Return the whole total as one payment when fewer than two months are asked for, before building the array.",
      regression_test: overrides.regressionTest === false ? null : { path: "tests/installments.test.ts", content: REGRESSION_TEST_TS },
    },
  };
}

export function testSettings(model: Partial<HealingSettings["model"]> = {}): HealingSettings {
  const settings = parseSettings({});
  return { ...settings, model: { ...settings.model, id: "claude-test-model", ...model, pricing: model.pricing ?? [{ model: "claude-test-model", inputPerMTok: 2, outputPerMTok: 10, cacheWritePerMTok: 2.5, cacheReadPerMTok: 0.2 }] } };
}
