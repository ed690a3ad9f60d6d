export type Fit = "cover" | "inside";
export type Preset = { width: number; height?: number; fit: Fit; format: "webp" | "jpeg" | "png" };

export const PRESETS: Record<string, Preset> = {
  thumb: { width: 320, height: 320, fit: "cover", format: "webp" },
  preview: { width: 1280, fit: "inside", format: "webp" },
  social: { width: 1200, height: 630, fit: "cover", format: "jpeg" },
  print: { width: 3000, fit: "inside", format: "png" },
};

const CDN = "https://cdn.brand-assets.example.net";

/** Output size: never upscaled; `cover` crops to the box, `inside` keeps the aspect ratio. */
export function fitInto(source: { width: number; height: number }, box: { width: number; height?: number; fit: Fit }) {
  if (box.fit === "cover" && box.height !== undefined) {
    return { width: Math.min(box.width, source.width), height: Math.min(box.height, source.height) };
  }
  const scale = Math.min(1, box.width / source.width, box.height === undefined ? Infinity : box.height / source.height);
  return { width: Math.round(source.width * scale), height: Math.round(source.height * scale) };
}

export function renditionUrl(assetId: string, preset: string, size: { width: number; height: number }, format: string): string {
  return `${CDN}/${assetId}/${preset}-${size.width}x${size.height}.${format}`;
}
