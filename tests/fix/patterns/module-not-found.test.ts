import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { moduleNotFoundPattern } from "../../../src/fix/patterns/module-not-found.ts";
import { fixContext } from "../fix-context.ts";

async function generate(file: string, source: string, message: string, files: Record<string, string>) {
  const found = await moduleNotFoundPattern.generate(fixContext({ file, source, line: 1, message, type: "Error", files }));
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("module-not-found", () => {
  it("points an ESM import at the moved file, keeping quotes and the .js-for-.ts convention (Node ESM message)", async () => {
    const source = `import { db } from "../db.js";
import { formatPrice } from "../utils/format.js";

export const show = (n: number) => formatPrice(n);
`;
    const [fix] = await generate("src/routes/price.ts", source, "Cannot find module '/app/src/utils/format.js' imported from /app/src/routes/price.js", {
      "src/db.ts": "export const db = {};\n",
      "src/lib/format.ts": "export const formatPrice = (n: number) => String(n);\n",
    });
    expect(fix!.style).toBe("import-path");
    expect(fix!.baseConfidence).toBe(0.93);
    expect(fix!.changes[0]!.after).toBe(source.replace('"../utils/format.js"', '"../lib/format.js"'));
  });

  it("fixes a lazy import() deep in a handler and names its line, not line 1", async () => {
    const source = `import { Hono } from "hono";

export const routes = new Hono();
routes.post("/:id/renditions", async (c) => {
  // The ladder is only needed here.
  const { presetsFor } = await import("../transcode/presets.ts");
  return c.json(presetsFor("en"), 202);
});
`;
    const [fix] = await generate("src/routes/episodes.ts", source, "Cannot find module '/app/src/transcode/presets.ts' imported from /app/src/routes/episodes.ts", {
      "src/media/presets.ts": "export const presetsFor = (language: string) => [language];\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace('import("../transcode/presets.ts")', 'import("../media/presets.ts")'));
    expect(fix!.rootCause).toMatch(/^src\/routes\/episodes\.ts:6: /);
    expect(fix!.expectation.outcome).toBe("loads");
  });

  it("follows a renamed module to the one file that exports every name the require takes", async () => {
    const source = `function notify(team) {
  if (team.channel === "sms") {
    const { sendSms } = require("../notify/sms") as typeof import("../notify/text-message");
    sendSms(team.phone);
  }
}
`;
    const files = {
      "src/notify/text-message.ts": "export function sendSms(to: string) {}\n",
      "src/notify/email.ts": "export function sendEmail(to: string) {}\n",
    };
    const [fix] = await generate("src/jobs/publish.ts", source, "Cannot find module '../notify/sms'\nRequire stack:\n- /var/task/src/jobs/publish.ts", files);
    expect(fix!.changes[0]!.after).toBe(source.replace('require("../notify/sms")', 'require("../notify/text-message")'));
    expect(fix!.summary).toContain("the one module that exports sendSms");
    // Two modules exporting it: which one was meant is a guess.
    expect(await generate("src/jobs/publish.ts", source, "Cannot find module '../notify/sms'", { ...files, "src/legacy/sms-gateway.ts": "export function sendSms() {}\n" })).toEqual([]);
  });

  it("fixes a CommonJS require with single quotes and no extension", async () => {
    const source = `const express = require('express')
const { sum } = require('../lib/math')

module.exports = (req, res) => res.json(sum(1, 2))
`;
    const [fix] = await generate("src/routes/sum.js", source, "Cannot find module '../lib/math'\nRequire stack:\n- /app/src/routes/sum.js", {
      "src/shared/math.js": "module.exports = { sum: (a, b) => a + b }\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace("'../lib/math'", "'../shared/math'"));
  });

  it("fixes a Deno import that keeps its .ts extension, and a dynamic import", async () => {
    const source = `const { cors } = await import("./_shared/cors.ts");
Deno.serve(() => new Response("ok", { headers: cors }));
`;
    const [fix] = await generate("supabase/functions/hello/index.ts", source, 'Module not found "file:///var/tmp/sb-compile-edge-runtime/functions/hello/_shared/cors.ts".', {
      "supabase/functions/_shared/cors.ts": "export const cors = {};\n",
    });
    expect(fix!.changes[0]!.after).toBe(source.replace('"./_shared/cors.ts"', '"../_shared/cors.ts"'));
  });

  it("chooses the nearest of several files with the same name", async () => {
    const source = `import { config } from "./config";\n`;
    const [fix] = await generate("src/api/server.ts", source, "Cannot find module '/app/src/api/config' imported from /app/src/api/server.ts", {
      "src/api/settings/config.ts": "export const config = {};\n",
      "scripts/deep/tools/config.ts": "export const config = {};\n",
    });
    expect(fix!.changes[0]!.after).toBe(`import { config } from "./settings/config";\n`);
  });

  it("declines when two equally near files share the name", async () => {
    const source = `import { config } from "./config";\n`;
    expect(
      await generate("src/server.ts", source, "Cannot find module '/app/src/config' imported from /app/src/server.ts", {
        "src/a/config.ts": "export const config = {};\n",
        "src/b/config.ts": "export const config = {};\n",
      }),
    ).toEqual([]);
  });

  it("declines a bare package specifier (a dependency problem)", async () => {
    const source = `import _ from "lodash";\n`;
    expect(await generate("src/a.js", source, "Cannot find package 'lodash' imported from /app/src/a.js", { "src/lodash.js": "export default {};\n" })).toEqual([]);
  });

  it("declines when no file with that name exists anywhere", async () => {
    const source = `import { gone } from "./gone.js";\n`;
    expect(await generate("src/a.js", source, "Cannot find module '/app/src/gone.js' imported from /app/src/a.js", { "src/b.js": "export const b = 1;\n" })).toEqual([]);
  });
});
