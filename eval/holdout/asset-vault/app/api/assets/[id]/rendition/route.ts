import { findAsset } from "@/lib/assets/store";
import { handler, HttpError } from "@/lib/http";
import { fitInto, PRESETS, renditionUrl } from "@/lib/renditions/presets";

export const GET = handler<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const asset = findAsset(id);
  if (!asset) throw new HttpError(404, `Asset ${id} not found`);
  if (asset.kind !== "image") throw new HttpError(422, `Renditions exist for images only; ${id} is a ${asset.kind}`);

  const preset = new URL(request.url).searchParams.get("preset") ?? "preview";
  const { width, height, fit, format } = PRESETS[preset];
  const size = fitInto(asset, { width, height, fit });
  return Response.json({ asset: asset.id, preset, ...size, format, url: renditionUrl(asset.id, preset, size, format) });
});
