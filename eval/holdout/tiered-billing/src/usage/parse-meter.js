// Meter export lines: "<accountId>,<metric>,<quantity>". Egress is counted in bytes, and the
// largest accounts pass 2^53 bytes over a month, so long counters stay exact as BigInt.
const SAFE_DIGITS = 15;

export function parseQuantity(text) {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) throw new SyntaxError(`meter quantity is not a whole number: ${JSON.stringify(text)}`);
  return digits.length > SAFE_DIGITS ? BigInt(digits) : Number(digits);
}

/** @returns {Map<string, Record<string, number | bigint>>} usage per account and metric */
export function parseMeterExport(csv) {
  const usage = new Map();
  for (const line of csv.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [accountId, metric, quantity] = line.split(",");
    const row = usage.get(accountId) ?? {};
    row[metric] = parseQuantity(quantity);
    usage.set(accountId, row);
  }
  return usage;
}
