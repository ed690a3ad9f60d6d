'use strict';

// Winter offsets in minutes east of UTC for the zones our teams run in. Planning horizons are
// a day or two, and the ops view shows a warning near DST changes, so fixed offsets do.
const TZ_OFFSETS = {
  UTC: 0,
  'Europe/London': 0,
  'Europe/Berlin': 60,
  'Europe/Warsaw': 60,
  'Europe/Helsinki': 120,
  'America/New_York': -300,
  'Asia/Kolkata': 330,
};

module.exports = { TZ_OFFSETS };
