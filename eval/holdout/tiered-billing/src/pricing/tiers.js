/** Marginal tiered price in cents for `units`, with tiers sorted by their upper bound. */
export function priceTiered(units, tiers) {
  let remaining = units;
  let lower = 0;
  let cents = 0;
  for (const tier of tiers) {
    if (remaining <= 0) break;
    const inTier = Math.min(remaining, tier.upToGb - lower);
    cents += inTier * tier.centsPerGb;
    remaining -= inTier;
    lower = tier.upToGb;
  }
  return cents;
}

export const BYTES_PER_GB = 1e9;
