import { listAssets, nextAssetId, saveAsset, type Asset } from "@/lib/assets/store";
import { normalizeTags, requireDimension, requireKind, requireSize, requireTitle } from "@/lib/assets/validate";
import { handler, readJson } from "@/lib/http";

export const GET = handler(async (request) => {
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag")?.toLowerCase();
  const kind = url.searchParams.get("kind");
  const items = listAssets()
    .filter((asset) => (!tag || asset.tags.includes(tag)) && (!kind || asset.kind === kind))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return Response.json({ items: items.map(({ id, kind, title, tags }) => ({ id, kind, title, tags })), total: items.length });
});

export const POST = handler(async (request) => {
  const body = await readJson(request);
  const asset: Asset = {
    id: nextAssetId(),
    kind: requireKind(body.kind),
    title: requireTitle(body.title),
    width: requireDimension(body.width ?? 0, "width"),
    height: requireDimension(body.height ?? 0, "height"),
    bytes: requireSize(body.bytes),
    tags: normalizeTags(body.tags ?? []),
    metadata: {},
    updatedAt: new Date().toISOString(),
  };
  return Response.json(saveAsset(asset), { status: 201 });
});
