'use strict';

// Exotic animals need a longer examination than the vet's standard slot.
const SLOT_MULTIPLIER = { dog: 1, cat: 1, rabbit: 1.5, bird: 1.5, reptile: 2 };

function slotsFor(species) {
  return SLOT_MULTIPLIER[species] || 1;
}

function addMinutes(iso, minutes) {
  return new Date(Date.parse(iso) + minutes * 60000).toISOString();
}

function overlaps(a, b) {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

function withinOpeningHours(clinic, startsAt, endsAt) {
  const start = startsAt.slice(11, 16);
  const end = endsAt.slice(11, 16);
  return start >= clinic.opensAt && end <= clinic.closesAt;
}

module.exports = { slotsFor, addMinutes, overlaps, withinOpeningHours };
