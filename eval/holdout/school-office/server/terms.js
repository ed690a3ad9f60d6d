'use strict';

var SEASONS = ['spring', 'summer', 'fall'];

function currentTerm(now) {
  var date = now || new Date();
  var month = date.getUTCMonth();
  var season = month < 5 ? 'spring' : month < 8 ? 'summer' : 'fall';
  return date.getUTCFullYear() + '-' + season;
}

function isTerm(value) {
  var parts = String(value).split('-');
  return parts.length === 2 && /^\d{4}$/.test(parts[0]) && SEASONS.indexOf(parts[1]) !== -1;
}

var POINTS = { A: 4, 'A-': 3.7, 'B+': 3.3, B: 3, 'B-': 2.7, 'C+': 2.3, C: 2, 'C-': 1.7, D: 1, F: 0 };

function gpa(grades) {
  var credits = 0;
  var points = 0;
  grades.forEach(function (g) {
    if (!(g.letter in POINTS)) return;
    credits += g.credits;
    points += POINTS[g.letter] * g.credits;
  });
  return credits === 0 ? null : Math.round((points / credits) * 100) / 100;
}

module.exports = { currentTerm: currentTerm, isTerm: isTerm, gpa: gpa, POINTS: POINTS };
