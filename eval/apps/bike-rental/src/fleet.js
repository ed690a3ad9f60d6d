'use strict';

function createFleet() {
  const stations = new Map([
    ['ST-centraal', { id: 'ST-centraal', name: 'Centraal Station', capacity: 40, docked: new Set(['B-1001', 'B-1002', 'E-2001', 'B-1005', 'B-1006', 'E-2004', 'B-1007']) }],
    ['ST-museumplein', { id: 'ST-museumplein', name: 'Museumplein', capacity: 24, docked: new Set(['B-1003', 'E-2002', 'B-1008', 'E-2005']) }],
    ['ST-vondelpark', { id: 'ST-vondelpark', name: 'Vondelpark Oost', capacity: 18, docked: new Set(['B-1004', 'B-1009', 'B-1010']) }],
    ['ST-noord', { id: 'ST-noord', name: 'Buiksloterweg', capacity: 30, docked: new Set(['E-2003', 'C-3001', 'B-1011', 'E-2006']) }],
  ]);
  const bikes = new Map(
    [
      ['B-1001', 'classic'], ['B-1002', 'classic'], ['B-1003', 'classic'], ['B-1004', 'classic'], ['B-1005', 'classic'], ['B-1006', 'classic'],
      ['B-1007', 'classic'], ['B-1008', 'classic'], ['B-1009', 'classic'], ['B-1010', 'classic'], ['B-1011', 'classic'],
      ['E-2001', 'ebike'], ['E-2002', 'ebike'], ['E-2003', 'ebike'], ['E-2004', 'ebike'], ['E-2005', 'ebike'], ['E-2006', 'ebike'],
      ['C-3001', 'cargo'],
    ].map(([id, type]) => [id, { id, type, batteryPct: type === 'classic' ? null : 80 }]),
  );
  return { stations, bikes, trips: new Map() };
}

module.exports = { createFleet };
