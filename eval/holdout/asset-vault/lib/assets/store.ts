export type AssetKind = "image" | "video" | "document";

export type Asset = {
  id: string;
  kind: AssetKind;
  title: string;
  width: number;
  height: number;
  bytes: number;
  tags: string[];
  metadata: Record<string, string>;
  updatedAt: string;
};

const assets = new Map<string, Asset>();
let sequence = 0;

export const seedAssets: Asset[] = [
  { id: "ast_7Yq2", kind: "image", title: "Autumn campaign hero", width: 6000, height: 4000, bytes: 18_400_112, tags: ["campaign", "autumn"], metadata: { photographer: "R. Lindqvist", licence: "owned" }, updatedAt: "2026-10-30T10:00:00.000Z" },
  { id: "ast_8Kd1", kind: "image", title: "Logo on dark", width: 2048, height: 2048, bytes: 402_117, tags: ["brand"], metadata: { licence: "owned" }, updatedAt: "2026-09-01T10:00:00.000Z" },
  { id: "ast_3Mn9", kind: "image", title: "Store front Lyon", width: 4032, height: 3024, bytes: 5_220_841, tags: ["retail"], metadata: { photographer: "A. Morel", licence: "rights-managed", expires: "2027-06-30" }, updatedAt: "2026-11-02T15:30:00.000Z" },
  { id: "ast_5Pw4", kind: "video", title: "Product teaser 15s", width: 1920, height: 1080, bytes: 88_302_004, tags: ["campaign"], metadata: { agency: "Northlight" }, updatedAt: "2026-11-05T08:00:00.000Z" },
  { id: "ast_1Zt6", kind: "document", title: "Brand guidelines 2026", width: 0, height: 0, bytes: 12_004_331, tags: ["brand"], metadata: {}, updatedAt: "2026-01-15T08:00:00.000Z" },
  { id: "ast_9Rb3", kind: "image", title: "Team offsite", width: 3000, height: 4500, bytes: 7_100_212, tags: ["people"], metadata: { photographer: "staff" }, updatedAt: "2026-11-10T12:00:00.000Z" },
];

export function resetAssets(seed: Asset[] = seedAssets): void {
  assets.clear();
  for (const asset of seed) assets.set(asset.id, structuredClone(asset));
  sequence = seed.length;
}

export function findAsset(id: string): Asset | undefined {
  return assets.get(id);
}

export function listAssets(): Asset[] {
  return [...assets.values()];
}

export function saveAsset(asset: Asset): Asset {
  assets.set(asset.id, asset);
  return asset;
}

export function nextAssetId(): string {
  sequence += 1;
  return `ast_n${sequence.toString(36).padStart(3, "0")}`;
}

resetAssets();
