export function formatPrice(amount: number, currency: string, locale = "en-GB"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}

const CDN = "https://img.casanorte.pt";

export function cdn(path: string, width: number): string {
  return `${CDN}${path}?w=${width}&fm=webp`;
}
