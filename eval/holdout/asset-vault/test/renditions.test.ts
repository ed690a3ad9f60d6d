import { beforeEach, describe, expect, it } from "vitest";
import { GET as rendition } from "@/app/api/assets/[id]/rendition/route";
import { fitInto } from "@/lib/renditions/presets";
import { ctx, fresh, jsonRequest } from "./support";

beforeEach(fresh);

describe("renditions", () => {
  it("scales a preview inside 1280 pixels", async () => {
    const res = await rendition(jsonRequest("GET", "/api/assets/ast_7Yq2/rendition"), ctx({ id: "ast_7Yq2" }));
    expect(await res.json()).toEqual({
      asset: "ast_7Yq2",
      preset: "preview",
      width: 1280,
      height: 853,
      format: "webp",
      url: "https://cdn.brand-assets.example.net/ast_7Yq2/preview-1280x853.webp",
    });
  });

  it("crops thumbnails to a square", async () => {
    const res = await rendition(jsonRequest("GET", "/api/assets/ast_9Rb3/rendition?preset=thumb"), ctx({ id: "ast_9Rb3" }));
    expect(await res.json()).toMatchObject({ width: 320, height: 320, format: "webp" });
  });

  it("has renditions for images only", async () => {
    const res = await rendition(jsonRequest("GET", "/api/assets/ast_5Pw4/rendition"), ctx({ id: "ast_5Pw4" }));
    expect(res.status).toBe(422);
  });

  it("never upscales", () => {
    expect(fitInto({ width: 800, height: 600 }, { width: 1280, fit: "inside" })).toEqual({ width: 800, height: 600 });
  });
});
