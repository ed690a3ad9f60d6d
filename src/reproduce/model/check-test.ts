import { guardChanges } from "../../fix/guard/guard-changes.ts";
import { parseSource } from "../../fix/parse-source.ts";
import { repoPathProblem } from "../../core/repo-path.ts";
import type { TestStyle } from "../test-style.ts";
import { walk } from "../../fix/ast-tools.ts";
import { MAX_TEST_CHARS } from "./schema.ts";

// A test written by a model is untrusted code. It runs only in the sandbox, and only after these
// checks: a new file where the repository keeps its tests, named like them; it parses; and it
// passes the same guard every fix passes (no child processes, eval, recursive deletes, secrets,
// suppression comments), plus what a reproduction has no business doing: reaching the network
// beyond this machine, or deleting files.

export type TestCheck = { ok: true; titles: string[] } | { ok: false; reason: string };

const NETWORK = [
  { regex: /\b(?:require\s*\(\s*|from\s+)["'](?:node:)?(?:net|tls|dgram|dns|https|http2)["']/, label: "a network module" },
  { regex: /\b(?:https?|wss?|ftp):\/\/(?!(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/"'`]|$))/i, label: "a URL outside this machine" },
  { regex: /\b(?:http|https)\s*\.\s*(?:request|get)\s*\(/, label: "an outgoing HTTP request" },
];
const DELETION = [{ regex: /\b(?:unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync)\s*\(|\bfs\s*\.\s*promises\s*\.\s*(?:rm|unlink|rmdir)\b/, label: "deleting files" }];

export function checkModelTest(path: string, content: string, style: TestStyle, existing: ReadonlySet<string>): TestCheck {
  const problem = repoPathProblem(path);
  if (problem) return { ok: false, reason: `the path ${JSON.stringify(path.slice(0, 200))} is refused: ${problem}` };
  if (existing.has(path)) return { ok: false, reason: `${path} already exists; a reproduction adds a new test and never edits one` };
  if (style.directory !== "" && !path.startsWith(`${style.directory}/`)) return { ok: false, reason: `${path} is not in the tests' folder ${style.directory}/` };
  if (!path.endsWith(style.suffix)) return { ok: false, reason: `${path} is not named like the repository's tests (*${style.suffix})` };
  if (content.length > MAX_TEST_CHARS) return { ok: false, reason: `the test is longer than ${MAX_TEST_CHARS} characters` };
  let titles: string[];
  try {
    titles = testTitles(path, content);
  } catch (error) {
    return { ok: false, reason: `the test does not parse: ${(error as Error).message.slice(0, 200)}` };
  }
  if (titles.length === 0) return { ok: false, reason: "the file declares no test with a literal name" };
  const guard = guardChanges([{ path, before: null, after: content }], { protectedPaths: [], maxChangedLines: 1_000, maxFiles: 1 });
  const blocking = guard.violations.find((violation) => violation.blocking);
  if (blocking) return { ok: false, reason: `the guard refuses it: ${blocking.message}` };
  for (const rule of [...NETWORK, ...DELETION]) {
    if (rule.regex.test(content)) return { ok: false, reason: `the test uses ${rule.label}, which a reproduction must not` };
  }
  return { ok: true, titles };
}

const TEST_CALLS = new Set(["test", "it", "specify"]);

/** Names of the tests a file declares (`test("name", …)`, `it("name", …)`), for running just them. */
export function testTitles(path: string, content: string): string[] {
  const program = parseSource(path, content).program;
  const titles: string[] = [];
  walk(program, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = node.callee.type === "MemberExpression" ? node.callee.object : node.callee;
    if (callee.type !== "Identifier" || !TEST_CALLS.has(callee.name)) return undefined;
    const first = node.arguments[0];
    if (first?.type === "StringLiteral") titles.push(first.value);
    if (first?.type === "TemplateLiteral" && first.expressions.length === 0) titles.push(first.quasis[0]?.value.cooked ?? "");
    return undefined;
  });
  return titles.filter((title) => title !== "");
}
