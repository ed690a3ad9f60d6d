import { beforeEach, describe, expect, it } from "vitest";
import { GET as rendition } from "@/app/api/assets/[id]/rendition/route";
import { ctx, fresh, jsonRequest, reports } from "./support";

beforeEach(fresh);

describe("a rendition preset that does not exist", () => {
  for (const preset of ["square", "og", "Thumb"]) {
    it(`is refused as a client error (${preset})`, async () => {
      const res = await rendition(jsonRequest("GET", `/api/assets/ast_7Yq2/rendition?preset=${preset}`), ctx({ id: "ast_7Yq2" }));
      expect([400, 404, 422]).toContain(res.status);
      const body = await res.json();
      expect(typeof body.error.message).toBe("string");
      expect(JSON.stringify(body)).not.toMatch(/NaN|undefined/);
      expect(reports.filter((r) => r.level === "error")).toEqual([]);
    });
  }

  it("leaves the presets that exist working", async () => {
    const res = await rendition(jsonRequest("GET", "/api/assets/ast_7Yq2/rendition?preset=social"), ctx({ id: "ast_7Yq2" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ preset: "social", width: 1200, height: 630, format: "jpeg" });
  });
});
