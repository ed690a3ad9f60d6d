'use strict';

const { publicHolidays } = require('../holidays/public-holidays');

const DAY_MS = 24 * 60 * 60 * 1000;

function eachDay(startDate, endDate, visit) {
  const end = Date.parse(`${endDate}T00:00:00Z`);
  for (let t = Date.parse(`${startDate}T00:00:00Z`); t <= end; t += DAY_MS) {
    visit(new Date(t));
  }
}

function isWeekend(date) {
  const weekday = date.getUTCDay();
  return weekday === 0 || weekday === 6;
}

class WorkingDays {
  between(startDate, endDate, country) {
    let count = 0;
    eachDay(startDate, endDate, (date) => {
      const day = date.toISOString().slice(0, 10);
      const holidays = publicHolidays(country, date.getUTCFullYear());
      if (!isWeekend(date) && !holidays.has(day)) count += 1;
    });
    return count;
  }
}

module.exports = { WorkingDays, eachDay, isWeekend };
