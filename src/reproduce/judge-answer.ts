import type { Answer } from "./reproduction.ts";

// What a fixed app must answer where the reproduction used to crash. Not throwing is not
// enough: a crash turned into a silently wrong answer (a 200 with an empty body, a NaN amount,
// a field that is now missing or null, "undefined" in a message) is worse than the crash,
// because nobody sees it. So:
// - the incident's error is gone and nothing else is thrown;
// - a request answers a 4xx, or a 2xx that keeps the shape successful answers of the route have,
//   never a 5xx, a redirect, or a 2xx with an empty body;
// - nothing in the answer is NaN or undefined.

export type Shape =
  | { kind: "null" | "boolean" | "number" | "string" | "text" }
  | { kind: "array"; items: Shape | null }
  | { kind: "object"; fields: Record<string, Shape> };

const MAX_SHAPE_DEPTH = 6;
const MAX_FIELDS = 100;

/** The shape of a JSON value: field names and value kinds, arrays by their first item. */
export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null || value === undefined) return { kind: "null" };
  if (typeof value === "boolean") return { kind: "boolean" };
  if (typeof value === "number") return { kind: "number" };
  if (typeof value === "string") return { kind: "string" };
  if (depth >= MAX_SHAPE_DEPTH) return { kind: "object", fields: {} };
  if (Array.isArray(value)) return { kind: "array", items: value.length > 0 ? shapeOf(value[0], depth + 1) : null };
  const fields: Record<string, Shape> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, MAX_FIELDS)) fields[key] = shapeOf(item, depth + 1);
  return { kind: "object", fields };
}

/** The shape of an answer's body: its JSON shape, or plain text. */
export function answerShape(answer: Answer): Shape | null {
  const text = answer.kind === "response" ? answer.body : answer.kind === "returned" ? answer.value : null;
  if (text === null) return null;
  try {
    return shapeOf(JSON.parse(text));
  } catch {
    return { kind: "text" };
  }
}

/** Shapes of the successful (2xx) answers recorded on the base commit. */
export function successShapes(answers: ReadonlyArray<{ answer: Answer | null }>): Shape[] {
  const shapes: Shape[] = [];
  for (const { answer } of answers) {
    if (answer?.kind !== "response" || answer.status < 200 || answer.status >= 300) continue;
    const shape = answerShape(answer);
    if (shape) shapes.push(shape);
  }
  return shapes;
}

/**
 * Whether `actual` gives everything `expected` has: every field, with a value of the same kind
 * (a number where successful answers have a number, not null). Extra fields are fine; an empty
 * list fits any list.
 */
export function fitsShape(actual: Shape, expected: Shape): { fits: true } | { fits: false; where: string } {
  return fits(actual, expected, "the answer");
}

function fits(actual: Shape, expected: Shape, where: string): { fits: true } | { fits: false; where: string } {
  if (expected.kind === "null") return { fits: true };
  if (expected.kind === "array") {
    if (actual.kind !== "array") return { fits: false, where: `${where} is ${describe(actual)}, not a list` };
    if (expected.items === null || actual.items === null) return { fits: true };
    return fits(actual.items, expected.items, `${where}[]`);
  }
  if (expected.kind === "object") {
    if (actual.kind !== "object") return { fits: false, where: `${where} is ${describe(actual)}, not an object` };
    for (const [key, shape] of Object.entries(expected.fields)) {
      const field = actual.fields[key];
      const path = `${where}.${key}`;
      if (field === undefined) return { fits: false, where: `${path} is missing` };
      const inner = fits(field, shape, path);
      if (!inner.fits) return inner;
    }
    return { fits: true };
  }
  if (actual.kind !== expected.kind) return { fits: false, where: `${where} is ${describe(actual)} where successful answers have ${describe(expected)}` };
  return { fits: true };
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case "null":
      return "null";
    case "array":
      return "a list";
    case "object":
      return "an object";
    case "text":
      return "plain text";
    default:
      return `a ${shape.kind}`;
  }
}

const SILENTLY_WRONG = /\bNaN\b|\bundefined\b|\[object Object\]/;

/** "NaN", "undefined" or "[object Object]" anywhere in an answer's text or string values. */
export function silentlyWrongValue(answer: Answer): string | null {
  const text = answer.kind === "response" ? answer.body : answer.kind === "returned" ? answer.value : "";
  const match = SILENTLY_WRONG.exec(text);
  return match ? match[0] : null;
}

export interface AnswerJudgement {
  accepted: boolean;
  /** One sentence for the mission record. */
  reason: string;
}

export interface JudgeOptions {
  /** The oracle still saw the incident's error while the reproduction ran. */
  stillThrows: boolean;
  /** The reproduction replays a request (a 4xx is then the expected answer to it). */
  request: boolean;
}

/**
 * Whether the answer after a fix is one a correct fix gives. `before` is what the base commit
 * answered (a 500, or a throw), kept for the reason text; `shapes` are those of the route's
 * successful answers on the base commit.
 */
export function judgeAnswer(before: Answer | null, after: Answer | null, shapes: readonly Shape[], options: JudgeOptions): AnswerJudgement {
  const was = before === null ? "" : ` (it was ${summary(before)})`;
  if (options.stillThrows) return { accepted: false, reason: `The reproduction still throws the incident's error${was}.` };
  if (after === null) return { accepted: false, reason: "The reproduction recorded no answer, so nothing shows the failure is fixed." };
  if (after.kind === "threw") return { accepted: false, reason: `It now throws ${after.type}: ${clip(after.message, 120)} instead${was}.` };
  const wrong = silentlyWrongValue(after);
  if (wrong !== null) return { accepted: false, reason: `The answer contains ${JSON.stringify(wrong)}: the crash became a silently wrong answer.` };
  if (after.kind === "returned") {
    if (options.request) return { accepted: false, reason: "A request must be answered, and the reproduction saw no answer." };
    return { accepted: true, reason: `It returns ${clip(after.value, 80)} without throwing${was}.` };
  }
  const status = after.status;
  if (status >= 500) return { accepted: false, reason: `It still answers ${status}, a server error${was}.` };
  if (status >= 400) return { accepted: true, reason: `It answers ${status}, a client error, instead of crashing${was}.` };
  if (status >= 300) return { accepted: false, reason: `It answers ${status}, a redirect, which is no answer to a bad request.` };
  if (status < 200) return { accepted: false, reason: `It answers ${status}, which is not a final answer.` };
  if (after.body.trim() === "") return { accepted: false, reason: `It answers ${status} with an empty body: a success that says nothing.` };
  const shape = answerShape(after);
  if (shape !== null && shapes.length > 0) {
    const misfits = shapes.map((expected) => fitsShape(shape, expected));
    if (!misfits.some((result) => result.fits)) {
      const first = misfits.find((result) => !result.fits) as { fits: false; where: string };
      return { accepted: false, reason: `It answers ${status}, but ${first.where}: it is not the shape successful answers of this route have.` };
    }
  }
  const kept = shapes.length > 0 ? ", in the shape successful answers of this route have" : "";
  return { accepted: true, reason: `It answers ${status}${kept}${was}.` };
}

function summary(answer: Answer): string {
  if (answer.kind === "response") return `${answer.status}`;
  if (answer.kind === "threw") return `${answer.type}`;
  return "a value";
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
