import { describe, expect, it } from "vitest";
import { isThirdPartyOnly, pickCulpritFrame } from "../../src/diagnose/culprit.ts";
import type { StackFrame } from "../../src/core/stack-frame.ts";

function frame(file: string, inApp: boolean, line = 10): StackFrame {
  return { file, function: "fn", line, column: 5, inApp };
}

describe("pickCulpritFrame", () => {
  it("takes the in-app frame nearest the throw (frames are oldest-first)", () => {
    const frames = [frame("src/server.ts", true, 1), frame("src/routes/users.ts", true, 2), frame("node_modules/express/lib/router/layer.js", false, 3)];
    expect(pickCulpritFrame(frames)?.file).toBe("src/routes/users.ts");
  });

  it("skips node_modules, node: and Deno internals even when the client marked them in-app", () => {
    const frames = [
      frame("src/app.ts", true, 1),
      frame("node:internal/process/task_queues", true),
      frame("ext:deno_http/00_serve.ts", true),
      frame("/app/node_modules/pg/lib/client.js", true),
      frame("https://deno.land/std@0.224.0/http/server.ts", true),
      frame("node:events", true),
    ];
    expect(pickCulpritFrame(frames)?.file).toBe("src/app.ts");
  });

  it("falls back to the nearest application path when the client marked nothing in-app", () => {
    const frames = [frame("src/index.js", false, 1), frame("src/lib/price.js", false, 2), frame("node:internal/modules/cjs/loader", false)];
    expect(pickCulpritFrame(frames)?.file).toBe("src/lib/price.js");
  });

  it("returns null when there are no frames or none is application code", () => {
    expect(pickCulpritFrame([])).toBeNull();
    expect(pickCulpritFrame([frame("node_modules/a/index.js", false), frame("<anonymous>", true)])).toBeNull();
  });
});

describe("isThirdPartyOnly", () => {
  it("is true when frames exist but all are third-party or runtime code", () => {
    expect(isThirdPartyOnly([frame("node_modules/axios/lib/core/settle.js", false), frame("node:internal/process/task_queues", false)])).toBe(true);
  });

  it("is false without frames and when any frame is application code", () => {
    expect(isThirdPartyOnly([])).toBe(false);
    expect(isThirdPartyOnly([frame("src/a.ts", true), frame("node_modules/b/index.js", false)])).toBe(false);
  });
});
