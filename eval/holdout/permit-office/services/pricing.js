'use strict';

// Yearly prices in cents per zone; cleaner vehicles pay less (council decision 2025/114).
const ZONES = {
  centrum: { base: 32_000, label: 'Centrum' },
  haven: { base: 21_000, label: 'Havenkwartier' },
  noord: { base: 12_500, label: 'Noord' },
};

const EMISSION_FACTOR = { zero: 0.5, euro6: 1, euro5: 1.25, euro4: 1.6 };

function yearlyPrice(zoneId, emissionClass) {
  const zone = ZONES[zoneId];
  const factor = EMISSION_FACTOR[emissionClass] ?? 2;
  return Math.round(zone.base * factor);
}

module.exports = { ZONES, EMISSION_FACTOR, yearlyPrice };
