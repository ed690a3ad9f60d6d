import { beforeEach, describe, expect, it } from "vitest";
import { GET as show, PATCH as update } from "@/app/api/assets/[id]/route";
import { ctx, fresh, jsonRequest, reports } from "./support";

beforeEach(fresh);

describe("PATCH without metadata", () => {
  it("renames an asset and leaves its metadata alone", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_8Kd1", { title: "Logo on dark — 2027" }), ctx({ id: "ast_8Kd1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: "ast_8Kd1", title: "Logo on dark — 2027", metadata: { licence: "owned" } });
    const stored = await (await show(jsonRequest("GET", "/api/assets/ast_8Kd1"), ctx({ id: "ast_8Kd1" }))).json();
    expect(stored.title).toBe("Logo on dark — 2027");
    expect(stored.metadata).toEqual({ licence: "owned" });
    expect(reports).toEqual([]);
  });

  it("retags an asset", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_3Mn9", { tags: ["Retail", "archive"] }), ctx({ id: "ast_3Mn9" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.tags).toEqual(["retail", "archive"]);
    expect(body.metadata).toEqual({ photographer: "A. Morel", licence: "rights-managed", expires: "2027-06-30" });
  });

  it("still validates the title", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_3Mn9", { title: "  " }), ctx({ id: "ast_3Mn9" }));
    expect(res.status).toBe(422);
  });
});
