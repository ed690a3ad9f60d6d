'use strict';

function round2(value) {
  return Math.round(value * 100) / 100;
}

/**
 * @param {{ carrier: string, weightKg: number, zone: number }} shipment
 * @param {typeof import('../config/settings')} settings
 * @returns {{ net: number, fuel: number, total: number, currency: string }}
 */
function priceShipment(shipment, settings) {
  const tariff = settings.carriers[shipment.carrier];
  const billableKg = Math.max(shipment.weightKg, settings.minimumKg);
  const zoneFactor = tariff.zones[shipment.zone] ?? settings.defaultZoneFactor;
  const net = round2((tariff.base + tariff.perKg * billableKg) * zoneFactor);
  const fuel = round2(net * settings.fuelSurcharge);
  return { net, fuel, total: round2(net + fuel), currency: settings.baseCurrency };
}

module.exports = { priceShipment, round2 };
