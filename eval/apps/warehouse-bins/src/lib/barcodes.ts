// Scanners send EAN-13 with or without leading zeros and sometimes with a trailing newline.
export function normalizeBarcode(code: string): string {
  const digits = code.trim().replace(/\s+/g, "");
  if (!/^\d{8,14}$/.test(digits)) return digits;
  return digits.padStart(14, "0");
}
