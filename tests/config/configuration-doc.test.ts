import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DOC_PATH, renderConfigDoc } from "../../scripts/generate-config-docs.ts";
import { settingsRegistry } from "../../src/config/healing-config.ts";

describe("docs/configuration.md", () => {
  it("lists every setting of the registry with its default (run scripts/generate-config-docs.ts after a change)", () => {
    const doc = readFileSync(CONFIG_DOC_PATH, "utf8");
    expect(doc).toBe(renderConfigDoc());
    for (const entry of settingsRegistry) expect(doc).toContain(`\`${entry.path}\``);
  });
});
