import type { z } from "zod";
import type { NormalizedEvent } from "./event.ts";

// Shared batch plumbing for the three ingest formats: splitting a body into items, and turning
// each item into an event, a rejection, or nothing, without one bad item costing the others.

/** One item of a batch that was not stored. `error` names the field path and what was wrong. */
export interface ItemRejection {
  index: number;
  error: string;
}

export interface ParsedBatch {
  events: NormalizedEvent[];
  rejected: ItemRejection[];
}

/** The whole body is unusable; the caller answers 400 with `message`. */
export class BodyParseError extends Error {
  readonly code = "BODY_PARSE_ERROR";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BodyParseError";
  }
}

/** One item is unusable; its message becomes that item's rejection. */
export class EventRejection extends Error {
  readonly code = "EVENT_REJECTED";
  constructor(message: string) {
    super(message);
    this.name = "EventRejection";
  }
}

/** An NDJSON line that is not JSON; it stands in its item's place so it becomes a rejection. */
export class InvalidLine {
  constructor(
    /** 1-based line number in the body. */
    readonly line: number,
    readonly reason: string,
  ) {}

  get error(): string {
    return `line ${this.line}: invalid JSON: ${this.reason}`;
  }
}

/** Large enough for any honest batch; bounds the work one request can ask for. */
export const MAX_BATCH_ITEMS = 10_000;

/**
 * A JSON array, a single JSON object, or NDJSON (one JSON value per line, blank lines ignored).
 * A bad NDJSON line becomes an InvalidLine in its place; a body that is none of the three throws
 * BodyParseError with the reason.
 */
export function splitJsonBatch(body: string): unknown[] {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new BodyParseError("body is empty; send a JSON object, a JSON array of objects, or NDJSON");
  }
  const first = trimmed[0];
  if (first === "[" || first === "{") {
    const whole = tryParse(trimmed);
    if (whole.ok) return itemsOfDocument(whole.value);
    // `{…}\n{…}` is NDJSON, not a broken document; a broken array or a single line is a broken
    // document (NDJSON of arrays is no format we take).
    if (first === "[" || !trimmed.includes("\n")) {
      throw new BodyParseError(`body is not valid JSON: ${whole.reason}`);
    }
  }
  return splitNdjson(text);
}

function itemsOfDocument(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    if (value.length > MAX_BATCH_ITEMS) throw tooMany(value.length);
    return value;
  }
  return [value];
}

function splitNdjson(text: string): unknown[] {
  const lines = text.split("\n");
  let nonBlank = 0;
  for (const line of lines) if (line.trim().length > 0) nonBlank++;
  if (nonBlank > MAX_BATCH_ITEMS) throw tooMany(nonBlank);
  const items: unknown[] = [];
  let parsed = 0;
  let firstFailure: InvalidLine | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    const result = tryParse(line);
    if (result.ok) {
      parsed++;
      items.push(result.value);
    } else {
      const invalid = new InvalidLine(i + 1, result.reason);
      firstFailure ??= invalid;
      items.push(invalid);
    }
  }
  if (parsed === 0 && firstFailure) {
    throw new BodyParseError(`body is neither JSON nor NDJSON: ${firstFailure.error}`);
  }
  return items;
}

function tooMany(count: number): BodyParseError {
  return new BodyParseError(`batch has ${count} items; the limit is ${MAX_BATCH_ITEMS}`);
}

type ParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

function tryParse(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // Engines word this differently; it is shown to the sender, never matched on.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: reason.slice(0, 200) };
  }
}

/**
 * Runs `toEvent` over every item. It returns an event, or null for an item that is deliberately
 * not ingested (neither stored nor rejected), or throws EventRejection for a bad item.
 */
export function collectBatch(
  items: readonly unknown[],
  toEvent: (item: unknown, index: number) => NormalizedEvent | NormalizedEvent[] | null,
): ParsedBatch {
  const events: NormalizedEvent[] = [];
  const rejected: ItemRejection[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item instanceof InvalidLine) {
      rejected.push({ index, error: item.error });
      continue;
    }
    try {
      const result = toEvent(item, index);
      if (Array.isArray(result)) events.push(...result);
      else if (result) events.push(result);
    } catch (error) {
      rejected.push({ index, error: rejectionMessage(error) });
    }
  }
  return { events, rejected };
}

export function rejectionMessage(error: unknown): string {
  if (error instanceof EventRejection) return error.message;
  // A bug of ours on odd input must not become a 500 or leak internals; the item is refused.
  return "this item could not be processed";
}

/** Parses `value` with `schema`, or throws EventRejection naming each bad field. */
export function parseItem<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new EventRejection(formatIssues(result.error.issues));
}

const MAX_ISSUES_SHOWN = 3;

/** `exception.type: expected string, got number; request.status: …` — input values never echoed. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; and ${more} more` : shown.join("; ");
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const inner = issue.code === "invalid_union" ? innerUnionIssue(issue.errors) : null;
  const chosen = inner ?? issue;
  const path = [...issue.path, ...(inner ? inner.path : [])].map(String).join(".");
  const message = issueMessage(chosen);
  return path ? `${path}: ${message}` : message;
}

// A union fails as a whole; when exactly one branch got past the top-level type check, its own
// issue ("frames.1.lineno: expected number") says more than "matched no branch".
function innerUnionIssue(branches: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue | null {
  const deep = branches.filter((issues) => issues.some((i) => i.path.length > 0 || i.code !== "invalid_type"));
  return deep.length === 1 ? (deep[0]![0] ?? null) : null;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "required";
    if (issue.expected === "int" && typeof issue.input === "number") return "expected an integer";
    return `expected ${issue.expected}, got ${describe(issue.input)}`;
  }
  return lowerFirst(issue.message);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}
