import { beforeEach, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/assets/route";
import { GET as show, PATCH as update } from "@/app/api/assets/[id]/route";
import { ctx, fresh, jsonRequest, reports } from "./support";

beforeEach(fresh);

describe("/api/assets", () => {
  it("lists the newest first and filters by tag", async () => {
    const all = await (await list(jsonRequest("GET", "/api/assets"), ctx({}))).json();
    expect(all.items[0].id).toBe("ast_9Rb3");
    const brand = await (await list(jsonRequest("GET", "/api/assets?tag=Brand"), ctx({}))).json();
    expect(brand.items.map((item: { id: string }) => item.id)).toEqual(["ast_8Kd1", "ast_1Zt6"]);
  });

  it("registers an upload", async () => {
    const res = await create(jsonRequest("POST", "/api/assets", { kind: "image", title: " Spring mood ", width: 1600, height: 900, bytes: 881_000, tags: "Campaign" }), ctx({}));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "image", title: "Spring mood", tags: ["campaign"], metadata: {} });
  });

  it("refuses unknown kinds and reports uploads over the limit", async () => {
    const kind = await create(jsonRequest("POST", "/api/assets", { kind: "audio", title: "Jingle", bytes: 10 }), ctx({}));
    expect(kind.status).toBe(422);
    expect((await kind.json()).error.allowed).toEqual(["image", "video", "document"]);

    const big = await create(jsonRequest("POST", "/api/assets", { kind: "video", title: "Raw footage", bytes: 734_003_200 }), ctx({}));
    expect(big.status).toBe(413);
    expect(reports.map((r) => r.level)).toEqual(["warning"]);
  });
});

describe("/api/assets/[id]", () => {
  it("shows one asset or 404", async () => {
    expect((await (await show(jsonRequest("GET", "/api/assets/ast_8Kd1"), ctx({ id: "ast_8Kd1" }))).json()).title).toBe("Logo on dark");
    expect((await show(jsonRequest("GET", "/api/assets/ast_0000"), ctx({ id: "ast_0000" }))).status).toBe(404);
  });

  it("merges metadata and clears keys sent as null", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_3Mn9", { metadata: { expires: null, usage: "web only" } }), ctx({ id: "ast_3Mn9" }));
    expect(res.status).toBe(200);
    expect((await res.json()).metadata).toEqual({ photographer: "A. Morel", licence: "rights-managed", usage: "web only" });
  });

  it("updates the title and tags along with metadata", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_7Yq2", { title: "Autumn hero (final)", tags: ["campaign", "final"], metadata: {} }), ctx({ id: "ast_7Yq2" }));
    expect(await res.json()).toMatchObject({ title: "Autumn hero (final)", tags: ["campaign", "final"] });
  });

  it("protects keys written by the ingest pipeline", async () => {
    const res = await update(jsonRequest("PATCH", "/api/assets/ast_7Yq2", { metadata: { checksum: "x" } }), ctx({ id: "ast_7Yq2" }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual(["checksum"]);
  });
});
