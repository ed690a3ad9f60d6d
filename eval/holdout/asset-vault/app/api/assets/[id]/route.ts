import { findAsset, saveAsset } from "@/lib/assets/store";
import { normalizeTags, RESERVED_KEYS, requireTitle } from "@/lib/assets/validate";
import { handler, HttpError, readJson } from "@/lib/http";

async function assetOr404(params: Promise<{ id: string }>) {
  const { id } = await params;
  const asset = findAsset(id);
  if (!asset) throw new HttpError(404, `Asset ${id} not found`);
  return asset;
}

export const GET = handler<{ id: string }>(async (_request, { params }) => {
  return Response.json(await assetOr404(params));
});

export const PATCH = handler<{ id: string }>(async (request, { params }) => {
  const asset = await assetOr404(params);
  const patch = await readJson(request);

  const metadata = patch.metadata as Record<string, string | null>;
  const keys = Object.keys(metadata);
  const reserved = keys.filter((key) => RESERVED_KEYS.has(key));
  if (reserved.length > 0) throw new HttpError(422, `Reserved metadata keys: ${reserved.join(", ")}`, { fields: reserved });

  const next = { ...asset, metadata: { ...asset.metadata } };
  for (const key of keys) {
    // null removes a key, as the editor's "clear field" button sends it.
    if (metadata[key] === null) delete next.metadata[key];
    else next.metadata[key] = String(metadata[key]);
  }
  if (patch.title !== undefined) next.title = requireTitle(patch.title);
  if (patch.tags !== undefined) next.tags = normalizeTags(patch.tags);
  next.updatedAt = new Date().toISOString();
  return Response.json(saveAsset(next));
});
