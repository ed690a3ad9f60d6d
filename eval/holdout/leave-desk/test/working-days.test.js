'use strict';

const assert = require('node:assert/strict');
const { WorkingDays } = require('../lib/services/working-days');
const { publicHolidays } = require('../lib/holidays/public-holidays');

describe('working days', () => {
  const workingDays = new WorkingDays();

  it('skips weekends', () => {
    assert.equal(workingDays.between('2026-11-20', '2026-11-23', 'UK'), 2);
  });

  it('skips holidays of the country only', () => {
    assert.equal(workingDays.between('2026-05-04', '2026-05-06', 'NL'), 2);
    assert.equal(workingDays.between('2026-05-04', '2026-05-06', 'DE'), 3);
  });

  it('knows movable holidays per year', () => {
    assert.ok(publicHolidays('NL', 2027).has('2027-05-05'));
    assert.ok(!publicHolidays('UK', 2027).has('2027-05-05'));
  });
});
