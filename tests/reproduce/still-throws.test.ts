import { describe, expect, it } from "vitest";
import { observedFromDescription, targetOf } from "../../src/reproduce/oracle.ts";
import { handledByApplication, insideTry, unhandledMatch } from "../../src/reproduce/still-throws.ts";

const ROOT = "/sandbox";
const parseError = (callerLine: number, more = "") =>
  observedFromDescription(
    `SyntaxError: Unexpected token 'e', "email" is not valid JSON\n    at JSON.parse (<anonymous>)\n    at parseSignup (${ROOT}/src/handler.ts:21:22)\n    at handler (${ROOT}/src/handler.ts:${callerLine}:30)${more}`,
    "SyntaxError",
    [ROOT],
  );

const fixed = [
  "export async function handler(event) {",
  "  let signup;",
  "  try {",
  "    signup = parseSignup(event.body);",
  "  } catch {",
  "    return { statusCode: 400 };",
  "  }",
  "  return { statusCode: 201, body: register(signup) };",
  "}",
].join("\n");

describe("handled by the application", () => {
  it("counts a throw whose application caller sits in a try with a catch", () => {
    expect(insideTry("src/handler.ts", fixed, 4, 14)).toBe(true);
    expect(insideTry("src/handler.ts", fixed, 8, 3)).toBe(false);
    expect(insideTry("src/handler.ts", "try {\n  a();\n} finally {\n  b();\n}\n", 2, 3)).toBe(false);
    expect(handledByApplication(parseError(4), new Map([["src/handler.ts", fixed]]), [])).toBe(true);
  });

  it("does not count a catch reached through a framework, nor one in the reproduction test itself", () => {
    const throughFramework = observedFromDescription(
      `TypeError: Cannot read properties of undefined (reading 'price')\n    at ${ROOT}/lib/app.js:27:47\n    at dispatch (/deps/node_modules/koa-compose/index.js:42:32)\n    at async ${ROOT}/lib/app.js:15:7`,
      "TypeError",
      [ROOT],
    );
    const middleware = "app.use(async (ctx, next) => {\n  try {\n    await next()\n  } catch (err) {\n    ctx.status = 500\n  }\n})\n";
    const app = `${"\n".repeat(12)}${middleware}${"\n".repeat(6)}router.post('/x', (ctx) => { ctx.body = product.price })\n`;
    expect(insideTry("lib/app.js", app, 15, 7)).toBe(true);
    expect(handledByApplication(throughFramework, new Map([["lib/app.js", app]]), [])).toBe(false);
    const fromTest = parseError(12, `\n    at run (${ROOT}/test/handler-regression.test.ts:5:3)`);
    expect(handledByApplication(fromTest, new Map([["test/handler-regression.test.ts", "try {\n  x();\n  y();\n  z();\n  run();\n} catch {}\n"]]), ["test/handler-regression.test.ts"])).toBe(false);
  });

  it("finds the incident's error only when it escapes", () => {
    const target = targetOf({
      error: { type: "SyntaxError", message: "Unexpected token 'e', \"email\" is not valid JSON" },
      culprit: { file: "src/handler.ts", function: "parseSignup", line: 21, column: 22 },
      frames: [],
      fingerprint: "f",
      failingRequests: [],
      successfulRequests: [],
    });
    expect(unhandledMatch([parseError(4)], target, new Map([["src/handler.ts", fixed]]), [])).toBeNull();
    expect(unhandledMatch([parseError(8)], target, new Map([["src/handler.ts", fixed]]), [])).not.toBeNull();
  });
});
