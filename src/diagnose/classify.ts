import { MAX_LINE_LENGTH } from "../ingest/event.ts";

// Classification of an error from its type and message text alone. The message is untrusted,
// attacker-influenced text: every pattern here is anchored or bounded and runs on a capped slice,
// and nothing taken from it is ever turned into code (patterns read it only to find code).

export type ErrorClass =
  | "property-of-nullish"
  | "not-a-function"
  | "not-defined"
  | "module-not-found"
  | "json-parse-body"
  | "const-assignment"
  | "destructure-nullish"
  | "not-iterable"
  | "reduce-empty";

export type Classification =
  | {
      kind: "code-bug";
      errorClass: ErrorClass;
      /** Property, method, identifier or module specifier named by the message. */
      subject: string | null;
      nullish: "undefined" | "null" | null;
      /** One sentence. */
      detail: string;
    }
  | { kind: "transient"; reason: string }
  | { kind: "unknown"; reason: string };

type CodeBug = Extract<Classification, { kind: "code-bug" }>;

// Module-not-found messages carry a require stack or a Deno location on later lines; everything
// else is decided on the first line. Both are capped like Sentry caps lines (MAX_LINE_LENGTH).
const MAX_MESSAGE_SCAN = MAX_LINE_LENGTH * 4;

const TRANSIENT_RULES: ReadonlyArray<{ test: RegExp; reason: string }> = [
  { test: /\bfetch failed\b/i, reason: "a network request failed (fetch failed)" },
  { test: /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|ECONNABORTED)\b/, reason: "a network connection failed" },
  { test: /\bsocket hang up\b/i, reason: "the upstream connection closed mid-request (socket hang up)" },
  { test: /\berror sending request\b/i, reason: "a network request failed (Deno: error sending request)" },
  { test: /\bconnection (refused|reset|closed)\b/i, reason: "a network connection failed" },
  { test: /\b(status(?: code)?|HTTP)\s*:?\s*(502|503|504)\b/i, reason: "an upstream service answered 502/503/504" },
  { test: /\b(bad gateway|service unavailable|gateway time-?out)\b/i, reason: "an upstream service was unavailable" },
  { test: /\bupstream\b/i, reason: "an upstream service failed" },
  { test: /\b(status(?: code)?|HTTP)\s*:?\s*429\b/i, reason: "an upstream service rate-limited the request (429)" },
  { test: /\btoo many requests\b/i, reason: "an upstream service rate-limited the request (429)" },
  { test: /\brate[ -]?limit/i, reason: "an upstream service rate-limited the request" },
  { test: /\b(the|this) operation was aborted\b/i, reason: "a request was aborted or timed out" },
  { test: /\b(signal )?timed out\b/i, reason: "a request timed out" },
];

const TRANSIENT_TYPES = new Set(["AbortError", "TimeoutError", "FetchError", "ConnectTimeoutError", "HeadersTimeoutError", "BodyTimeoutError"]);

const ARRAY_LIKE = "undefined|null";

/** Classify an error by its type and message (Node 20, Deno 2, and the browser engines' wordings). */
export function classifyError(type: string, message: string): Classification {
  const text = message.slice(0, MAX_MESSAGE_SCAN);
  const firstLine = (text.split("\n", 1)[0] ?? "").slice(0, MAX_LINE_LENGTH);
  const errorType = type.slice(0, 200);

  if (TRANSIENT_TYPES.has(errorType)) {
    return { kind: "transient", reason: `${errorType}: a request was aborted, timed out or could not connect` };
  }
  for (const rule of TRANSIENT_RULES) {
    if (rule.test.test(firstLine)) return { kind: "transient", reason: rule.reason };
  }

  const bug = classifyCodeBug(errorType, firstLine, text);
  if (bug) return bug;
  return { kind: "unknown", reason: `no known pattern matches this ${errorType || "error"} message` };
}

function classifyCodeBug(type: string, line: string, text: string): CodeBug | null {
  return (
    destructure(line) ??
    propertyOfNullish(line) ??
    notAFunction(line) ??
    notDefined(line) ??
    moduleNotFound(line, text) ??
    jsonParse(type, line) ??
    constAssignment(line) ??
    notIterable(type, line) ??
    reduceEmpty(type, line)
  );
}

function bug(errorClass: ErrorClass, subject: string | null, nullish: CodeBug["nullish"], detail: string): CodeBug {
  return { kind: "code-bug", errorClass, subject, nullish, detail };
}

function asNullish(word: string | undefined): CodeBug["nullish"] {
  if (word === "undefined") return "undefined";
  if (word === "null") return "null";
  return null;
}

function destructure(line: string): CodeBug | null {
  // V8: "Cannot destructure property 'x' of 'req.body' as it is undefined." / "... of 'object null' as it is null."
  const named = /^Cannot destructure property '([^']{1,200})' of '([^']{0,300})' as it is (undefined|null)\.?/.exec(line);
  if (named) {
    const nullish = asNullish(named[3]);
    return bug("destructure-nullish", named[1]!, nullish, `Destructuring property '${named[1]}' failed because the value was ${nullish}.`);
  }
  // V8 without a property name: "Cannot destructure 'undefined' as it is undefined."
  const bare = /^Cannot destructure '([^']{0,300})' as it is (undefined|null)\.?/.exec(line);
  if (bare) {
    const nullish = asNullish(bare[2]);
    return bug("destructure-nullish", null, nullish, `Destructuring failed because the value was ${nullish}.`);
  }
  // Firefox: "(intermediate value) is undefined" has no property; Safari: "Right side of assignment cannot be destructured".
  if (/^Right side of assignment cannot be destructured/.test(line)) {
    return bug("destructure-nullish", null, null, "Destructuring failed because the value was undefined or null.");
  }
  return null;
}

function propertyOfNullish(line: string): CodeBug | null {
  const detail = (subject: string, nullish: CodeBug["nullish"]) =>
    `Reading property '${subject}' failed because its object was ${nullish ?? "undefined or null"}.`;
  // V8 (Node 16+, Deno): "Cannot read properties of undefined (reading 'x')"; writes: "(setting 'x')".
  const v8 = new RegExp(`^Cannot (?:read|set) properties of (${ARRAY_LIKE}) \\((?:reading|setting) '([^']{1,200})'\\)`).exec(line);
  if (v8) return bug("property-of-nullish", v8[2]!, asNullish(v8[1]), detail(v8[2]!, asNullish(v8[1])));
  // Older V8 (Node <= 14): "Cannot read property 'x' of undefined".
  const old = new RegExp(`^Cannot (?:read|set) property '([^']{1,200})' of (${ARRAY_LIKE})`).exec(line);
  if (old) return bug("property-of-nullish", old[1]!, asNullish(old[2]), detail(old[1]!, asNullish(old[2])));
  // Safari/JSC: "undefined is not an object (evaluating 'a.b.c')": the last property is the one read.
  const jsc = new RegExp(`^(${ARRAY_LIKE}) is not an object \\(evaluating '([^']{1,300})'\\)`).exec(line);
  if (jsc) {
    const property = /[.\s]([A-Za-z_$][\w$]*)\s*$/.exec(jsc[2]!)?.[1] ?? null;
    const nullish = asNullish(jsc[1]);
    return bug("property-of-nullish", property, nullish, property ? detail(property, nullish) : `An expression read a property of ${nullish}.`);
  }
  // Firefox: `can't access property "x", a is undefined`.
  const gecko = new RegExp(`^can't access property "([^"]{1,200})",? .{0,300} is (${ARRAY_LIKE})$`).exec(line);
  if (gecko) return bug("property-of-nullish", gecko[1]!, asNullish(gecko[2]), detail(gecko[1]!, asNullish(gecko[2])));
  return null;
}

/** The callee a "… is not a function" message names, split at its last dot. */
export function notAFunctionCallee(message: string): { object: string | null; method: string } | null {
  const line = (message.split("\n", 1)[0] ?? "").slice(0, MAX_LINE_LENGTH);
  const match = /^(.{1,300}?) is not a function(?: or its return value is not iterable)?\b/.exec(line);
  if (!match) return null;
  const callee = match[1]!.trim();
  const dot = /^(.*)\.([A-Za-z_$][\w$]*)$/.exec(callee);
  if (dot) return { object: dot[1]!, method: dot[2]! };
  if (/^[A-Za-z_$][\w$]*$/.test(callee)) return { object: null, method: callee };
  return null;
}

function notAFunction(line: string): CodeBug | null {
  const callee = notAFunctionCallee(line);
  if (!callee) return null;
  const named = callee.object ? `${callee.object}.${callee.method}` : callee.method;
  return bug("not-a-function", callee.method, null, `Calling ${named}() failed because it is not a function on that value.`);
}

function notDefined(line: string): CodeBug | null {
  // V8 and Firefox: "X is not defined"; Safari: "Can't find variable: X".
  const v8 = /^([A-Za-z_$][\w$]{0,200}) is not defined$/.exec(line);
  const jsc = /^Can't find variable: ([A-Za-z_$][\w$]{0,200})$/.exec(line);
  const name = v8?.[1] ?? jsc?.[1];
  if (!name) return null;
  return bug("not-defined", name, null, `The identifier ${name} is used but not declared or imported in that module.`);
}

function moduleNotFound(line: string, text: string): CodeBug | null {
  // Node ESM: "Cannot find module '/app/src/a.js' imported from /app/src/b.js" (ERR_MODULE_NOT_FOUND);
  // Node CJS: "Cannot find module '../lib/x'\nRequire stack:\n- /app/src/y.js"; packages: "Cannot find package 'x' imported from ...".
  const node = /^(?:Error \[ERR_MODULE_NOT_FOUND\]: )?Cannot find (module|package) '([^']{1,500})'/.exec(line);
  if (node) {
    return bug("module-not-found", node[2]!, null, `The ${node[1]} '${node[2]}' could not be resolved when the code was loaded.`);
  }
  // Deno: 'Module not found "file:///src/x.ts".' with the importing location on the next line.
  const deno = /^Module not found "([^"]{1,500})"/.exec(line);
  if (deno) return bug("module-not-found", fileUrlToPath(deno[1]!), null, `The module ${deno[1]} could not be resolved when the code was loaded.`);
  // Deno, bare specifiers: 'Relative import path "lodash" not prefixed with / or ./ or ../'.
  const denoBare = /^Relative import path "([^"]{1,500})" not prefixed with/.exec(line);
  if (denoBare) return bug("module-not-found", denoBare[1]!, null, `The package '${denoBare[1]}' could not be resolved when the code was loaded.`);
  if (/^Cannot find module\b/.test(text)) return bug("module-not-found", null, null, "A module could not be resolved when the code was loaded.");
  return null;
}

function jsonParse(type: string, line: string): CodeBug | null {
  // JSON.parse throws SyntaxError only; other types with these words are someone else's text.
  if (type !== "SyntaxError") return null;
  const json =
    /\bJSON at position \d+/.test(line) ||
    /^Unexpected end of JSON input/.test(line) ||
    /\bis not valid JSON$/.test(line) ||
    /^JSON\.parse: /.test(line) || // Firefox
    /^JSON Parse error: /.test(line); // Safari
  if (!json) return null;
  return bug("json-parse-body", null, null, "JSON.parse failed on input that is not valid JSON.");
}

function notIterable(type: string, line: string): CodeBug | null {
  if (type !== "TypeError") return null;
  // V8: "ticket.watchers is not iterable", "undefined is not iterable (cannot read property Symbol(Symbol.iterator))".
  const iterated = /^(.{1,300}?) is not iterable\b/.exec(line);
  if (iterated) {
    const subject = iterated[1]!.trim();
    const nullish = subject === "undefined" || subject === "null" ? subject : null;
    return bug("not-iterable", subject, nullish, `Iterating ${subject} failed because it is not a list.`);
  }
  // Object.keys/values/entries/assign of a missing value.
  if (/^Cannot convert undefined or null to object$/.test(line)) {
    return bug("not-iterable", null, null, "Reading the keys or entries of a missing value (undefined or null) failed.");
  }
  return null;
}

function reduceEmpty(type: string, line: string): CodeBug | null {
  // V8 and Firefox: "Reduce of empty array with no initial value"; Safari: "reduce of empty array with no initial value".
  if (type !== "TypeError" || !/^reduce of empty array with no initial value$/i.test(line)) return null;
  return bug("reduce-empty", null, null, "reduce() was called on an empty list without an initial value.");
}

function constAssignment(line: string): CodeBug | null {
  if (/^Assignment to constant variable\.?$/.test(line)) {
    return bug("const-assignment", null, null, "A variable declared with const was reassigned.");
  }
  // Firefox names the binding: "invalid assignment to const 'x'" (older: `invalid assignment to const "x"`).
  const gecko = /^invalid assignment to const ['"]?([A-Za-z_$][\w$]{0,200})['"]?$/.exec(line);
  if (gecko) return bug("const-assignment", gecko[1]!, null, `The const binding ${gecko[1]} was reassigned.`);
  return null;
}

/**
 * The importing module named by a module-not-found message, as the path the runtime printed
 * (`file://` URLs turned into paths); null when the message names none. The caller maps it to
 * a repo path.
 */
export function importerFromMessage(message: string): string | null {
  const text = message.slice(0, MAX_MESSAGE_SCAN);
  const esm = /\bimported from (\S{1,1000})/.exec(text);
  if (esm) return fileUrlToPath(esm[1]!.replace(/[.,;]$/, ""));
  const cjs = /\nRequire stack:\r?\n- ([^\r\n]{1,1000})/.exec(text);
  if (cjs) return cjs[1]!.trim();
  // Deno appends the import site: '\n    at file:///src/main.ts:1:15'.
  const deno = /\n\s*at (file:\/\/\S{1,1000}?):\d+:\d+/.exec(text);
  if (deno) return fileUrlToPath(deno[1]!);
  return null;
}

function fileUrlToPath(value: string): string {
  if (!value.startsWith("file://")) return value;
  const path = value.slice("file://".length);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
