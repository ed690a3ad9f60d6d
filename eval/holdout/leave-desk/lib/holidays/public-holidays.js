'use strict';

// Fixed-date public holidays per country. Movable feasts are listed per year.
const FIXED = {
  DE: ['01-01', '05-01', '10-03', '12-25', '12-26'],
  NL: ['01-01', '04-27', '12-25', '12-26'],
  UK: ['01-01', '12-25', '12-26'],
};

const MOVABLE = {
  2026: {
    DE: ['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'],
    NL: ['2026-04-03', '2026-04-06', '2026-05-05', '2026-05-14', '2026-05-25'],
    UK: ['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31'],
  },
  2027: {
    DE: ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
    NL: ['2027-03-26', '2027-03-29', '2027-05-05', '2027-05-06', '2027-05-17'],
    UK: ['2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30'],
  },
};

function publicHolidays(country, year) {
  const fixed = (FIXED[country] || []).map((monthDay) => `${year}-${monthDay}`);
  const movable = (MOVABLE[year] && MOVABLE[year][country]) || [];
  return new Set([...fixed, ...movable]);
}

module.exports = { publicHolidays };
