// Monthly or annual price per seat, in minor units, per billing currency.
export const PRICE_BOOK: Record<string, Record<string, number>> = {
  eur: { starter_monthly: 900, team_monthly: 2900, team_annual: 29000, business_annual: 59000 },
  usd: { starter_monthly: 1000, team_monthly: 3200, team_annual: 32000, business_annual: 64000 },
  gbp: { starter_monthly: 800, team_monthly: 2500, team_annual: 25000, business_annual: 51000 },
};

// VAT on B2C sales by customer country; business customers with a VAT id reverse-charge.
export const VAT: Record<string, number> = { DE: 0.19, FR: 0.2, NL: 0.21, IE: 0.23, GB: 0.2, US: 0, CH: 0.081 };

export const MAX_SEATS = 500;
