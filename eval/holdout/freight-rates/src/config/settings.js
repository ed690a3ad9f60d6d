'use strict';

// Loaded once per cold start. Carriers are added here when sales signs a contract.
module.exports = {
  minimumKg: 0.5,
  fuelSurcharge: 0.085,
  defaultZoneFactor: 1.4,
  baseCurrency: 'EUR',
  carriers: {
    DHL: { base: 6.5, perKg: 1.2, zones: { 1: 1, 2: 1.25, 3: 1.6 } },
    UPS: { base: 7.1, perKg: 1.05, zones: { 1: 1, 2: 1.3, 3: 1.75 } },
    DPD: { base: 5.2, perKg: 1.35, zones: { 1: 1, 2: 1.2 } },
  },
  // EUR → other currency, refreshed by the treasury job each morning.
  fx: { EUR: 1, GBP: 0.8612, USD: 1.0841, CHF: 0.9395, SEK: 11.482, PLN: 4.312 },
};
