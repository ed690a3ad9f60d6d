'use strict';

const { tripPrice } = require('./pricing');

const fail = (code, message) => ({ ok: false, error: { code, message } });

function createRentals(fleet, clock) {
  let sequence = 50000;

  function startTrip(riderId, body) {
    const { bikeId, stationId } = body;
    const station = fleet.stations.get(stationId);
    if (!station) return fail('NOT_FOUND', `station ${stationId} not found`);
    if (!station.docked.has(bikeId)) return fail('CONFLICT', `bike ${bikeId} is not docked at ${station.name}`);
    if ([...fleet.trips.values()].some((trip) => trip.riderId === riderId && !trip.endedAt)) return fail('CONFLICT', 'you already have a bike');
    station.docked.delete(bikeId);
    const trip = { id: `T${++sequence}`, riderId, bikeId, fromStation: stationId, startedAt: clock().toISOString(), endedAt: null };
    fleet.trips.set(trip.id, trip);
    return { ok: true, value: trip };
  }

  // The app reports where the bike was docked; app 2.x nests it under `dock`.
  function endTrip(riderId, tripId, body) {
    const trip = fleet.trips.get(tripId);
    if (!trip || trip.riderId !== riderId) return fail('NOT_FOUND', `trip ${tripId} not found`);
    if (trip.endedAt) return fail('CONFLICT', 'trip already ended');
    const { stationId, batteryPct } = body.dock;
    const station = fleet.stations.get(stationId);
    if (!station) return fail('NOT_FOUND', `station ${stationId} not found`);
    if (station.docked.size >= station.capacity) return fail('CONFLICT', `${station.name} is full`);

    const bike = fleet.bikes.get(trip.bikeId);
    const endedAt = clock();
    const minutes = (endedAt.getTime() - Date.parse(trip.startedAt)) / 60000;
    station.docked.add(bike.id);
    if (typeof batteryPct === 'number') bike.batteryPct = batteryPct;
    Object.assign(trip, { toStation: station.id, endedAt: endedAt.toISOString(), minutes: Math.ceil(minutes), priceCents: tripPrice(bike.type, minutes) });
    return { ok: true, value: trip };
  }

  return { startTrip, endTrip };
}

module.exports = { createRentals };
