import { HttpError } from "@/lib/http";
import type { AssetKind } from "@/lib/assets/store";

export const KINDS: AssetKind[] = ["image", "video", "document"];
export const MAX_BYTES = 500 * 1024 * 1024;
/** Keys the ingest pipeline writes; editors may not overwrite them. */
export const RESERVED_KEYS = new Set(["checksum", "sourceKey", "ingestedBy"]);

export function requireTitle(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new HttpError(422, "title must be a non-empty string", { field: "title" });
  return value.trim().slice(0, 200);
}

export function requireKind(value: unknown): AssetKind {
  if (!KINDS.includes(value as AssetKind)) throw new HttpError(422, `kind must be one of ${KINDS.join(", ")}`, { field: "kind", allowed: KINDS });
  return value as AssetKind;
}

export function requireDimension(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw new HttpError(422, `${field} must be a whole number of pixels`, { field });
  return value as number;
}

export function requireSize(value: unknown): number {
  if (!Number.isInteger(value) || (value as number) <= 0) throw new HttpError(422, "bytes must be a positive integer", { field: "bytes" });
  if ((value as number) > MAX_BYTES) throw new HttpError(413, `Asset of ${value} bytes exceeds the ${MAX_BYTES} byte limit`, { limit: MAX_BYTES });
  return value as number;
}

export function normalizeTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((tag): tag is string => typeof tag === "string").map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}
