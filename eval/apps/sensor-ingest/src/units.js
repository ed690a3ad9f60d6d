'use strict';

// Firmware before 3.0 reports temperature in tenths of a degree, as an integer.
function celsius(raw, firmware) {
  const major = Number(String(firmware).split('.')[0]);
  return major >= 3 ? Number(raw) : Number(raw) / 10;
}

module.exports = { celsius };
