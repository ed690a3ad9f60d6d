'use strict';

const BANDS = [
  [85, 'A'],
  [70, 'B'],
  [55, 'C'],
  [40, 'D'],
  [0, 'U'],
];

function band(score) {
  return BANDS.find(([min]) => score >= min)[1];
}

function average(scores) {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}

module.exports = { band, average };
