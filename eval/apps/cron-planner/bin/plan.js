#!/usr/bin/env node
'use strict';

// cron-plan <team.json> [--from ISO] [--hours N]: prints the planned runs as JSON lines.
const { readFileSync } = require('node:fs');
const { planRuns } = require('../lib');

const [file, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const index = rest.indexOf(`--${name}`);
  return index === -1 ? fallback : rest[index + 1];
};
const team = JSON.parse(readFileSync(file, 'utf8'));
const { runs, skipped } = planRuns(team.jobs, { from: option('from', new Date().toISOString()), hours: Number(option('hours', 24)), config: team.config });
for (const run of runs) console.log(JSON.stringify(run));
for (const skip of skipped) console.error(`skipped ${skip.job}: ${skip.reason}`);
