'use strict';

const { TZ_OFFSETS } = require('./timezones');

// One line per job for the ops view, e.g. "nightly-export (Europe/Berlin, UTC+1): 30 2 * * *".
function describeJob(job, config) {
  const tz = job.tz ?? config.defaultTimezone;
  const offset = TZ_OFFSETS[tz];
  const sign = offset < 0 ? '-' : '+';
  const label = offset === 0 ? 'UTC' : `UTC${sign}${Math.abs(offset) / 60}`;
  return `${job.name} (${tz}, ${label}): ${job.cron}`;
}

module.exports = { describeJob };
