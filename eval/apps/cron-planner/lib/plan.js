'use strict';

const { parseSchedule, matches } = require('./parse');
const { TZ_OFFSETS } = require('./timezones');

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const pad = (n) => String(n).padStart(2, '0');
const all = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Every run of every job between `from` and `from + hours`, in UTC, sorted by time. Cron files
// are written in the team's local time, so runs are built on local calendar days and shifted.
function planRuns(jobs, { from, hours = 24, config }) {
  const runs = [];
  const skipped = [];
  const start = Date.parse(from);
  const end = start + hours * 60 * MINUTE;

  for (const job of jobs) {
    const schedule = parseSchedule(job.cron);
    if (!schedule) {
      skipped.push({ job: job.name, reason: `cannot parse "${job.cron}"` });
      continue;
    }
    if (job.tz && !(job.tz in TZ_OFFSETS)) {
      skipped.push({ job: job.name, reason: `unknown timezone ${job.tz}` });
      continue;
    }
    const offset = TZ_OFFSETS[job.tz];
    const hoursOfDay = schedule.hour ? [...schedule.hour] : all(0, 23);
    const minutesOfHour = schedule.minute ? [...schedule.minute] : all(0, 59);

    for (let day = start - DAY; day < end + DAY; day += DAY) {
      const date = new Date(day);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
      if (!matches(schedule.dom, d) || !matches(schedule.month, m + 1) || !matches(schedule.dow, date.getUTCDay())) continue;
      for (const hour of hoursOfDay) {
        for (const minute of minutesOfHour) {
          const utc = Date.UTC(y, m, d, hour, minute) - offset * MINUTE;
          if (utc < start || utc >= end) continue;
          runs.push({ job: job.name, at: new Date(utc).toISOString(), local: `${y}-${pad(m + 1)}-${pad(d)} ${pad(hour)}:${pad(minute)}` });
        }
      }
    }
  }
  runs.sort((a, b) => a.at.localeCompare(b.at) || a.job.localeCompare(b.job));
  return { runs, skipped };
}

module.exports = { planRuns };
