'use strict';

// Cents. Classic bikes are free for the first 30 minutes on a subscription; not modelled here.
const TARIFF = {
  classic: { unlock: 100, perMinute: 15 },
  ebike: { unlock: 100, perMinute: 30 },
  cargo: { unlock: 200, perMinute: 40 },
};

function tripPrice(type, minutes) {
  const tariff = TARIFF[type];
  return tariff.unlock + Math.ceil(minutes) * tariff.perMinute;
}

module.exports = { tripPrice };
