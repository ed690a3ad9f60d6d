// Zebra ZPL II for the 4x2" bin and carton labels. Field positions are in dots.
const LAYOUT = { 203: { scale: 1 }, 300: { scale: 1.5 } };

function escapeField(text) {
  return String(text).replace(/[\^~\\]/g, " ");
}

/** @param {{ sku: string, bin: string, qty?: number }} item @param {{ dpi?: number }} [options] */
export function renderLabel(item, { dpi = 203 } = {}) {
  const layout = LAYOUT[dpi];
  if (!layout) throw new RangeError(`unsupported printer resolution ${dpi} dpi`);
  const at = (n) => Math.round(n * layout.scale);
  const lines = [
    "^XA",
    `^FO${at(30)},${at(30)}^A0N,${at(50)},${at(50)}^FD${escapeField(item.sku)}^FS`,
    `^FO${at(30)},${at(95)}^A0N,${at(34)},${at(34)}^FDBIN ${escapeField(item.bin)}^FS`,
    `^FO${at(30)},${at(145)}^BY2^BCN,${at(80)},N,N,N^FD${escapeField(item.sku)}^FS`,
  ];
  if (item.qty !== undefined) lines.push(`^FO${at(560)},${at(30)}^A0N,${at(60)},${at(60)}^FDx${item.qty}^FS`);
  lines.push("^XZ");
  return lines.join("\n");
}

export const SUPPORTED_DPI = Object.keys(LAYOUT).map(Number);
