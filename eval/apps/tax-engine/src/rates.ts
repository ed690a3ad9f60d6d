// VAT rates by jurisdiction (ISO 3166 alpha-2, plus XI for Northern Ireland goods).
export const RATES: Record<string, { standard: number; reduced: number; zero: number }> = {
  DE: { standard: 0.19, reduced: 0.07, zero: 0 },
  AT: { standard: 0.2, reduced: 0.1, zero: 0 },
  FR: { standard: 0.2, reduced: 0.055, zero: 0 },
  NL: { standard: 0.21, reduced: 0.09, zero: 0 },
  IE: { standard: 0.23, reduced: 0.135, zero: 0 },
  GB: { standard: 0.2, reduced: 0.05, zero: 0 },
  XI: { standard: 0.2, reduced: 0.05, zero: 0 },
};
