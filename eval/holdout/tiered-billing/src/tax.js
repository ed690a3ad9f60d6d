/**
 * VAT on an invoice total. `provider.rateFor(country, date)` answers a rate such as 0.21;
 * reverse charge applies to business customers with a VAT id outside the seller's country.
 */
export function taxLine(account, netCents, provider, date) {
  if (account.vatId && account.country !== "NL") {
    return { code: "vat", description: "VAT reverse charged", rate: 0, cents: 0 };
  }
  const rate = provider.rateFor(account.country, date);
  return { code: "vat", description: `VAT ${Math.round(rate * 1000) / 10}%`, rate, cents: Math.round(netCents * rate) };
}

/** The table used when no provider is configured: standard rates as of 2026. */
export const staticRates = {
  rates: { NL: 0.21, DE: 0.19, FR: 0.2, BE: 0.21, IE: 0.23, ES: 0.21, IT: 0.22, GB: 0.2, SE: 0.25 },
  rateFor(country) {
    const rate = this.rates[country];
    if (rate === undefined) throw new RangeError(`no VAT rate for ${country}`);
    return rate;
  },
};
