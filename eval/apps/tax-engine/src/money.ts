/** Banker's rounding to whole cents, as the tax offices expect on invoice totals. */
export function roundCents(cents: number): number {
  const floor = Math.floor(cents);
  const diff = cents - floor;
  if (Math.abs(diff - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(cents);
}
