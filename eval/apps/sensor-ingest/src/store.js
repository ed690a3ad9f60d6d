'use strict';

// Readings go to the time-series table; this adapter keeps the interface the handler needs.
function memoryStore() {
  const rows = [];
  return {
    rows,
    async put(reading) {
      rows.push(reading);
    },
  };
}

module.exports = { memoryStore };
