'use strict';

// Five-field cron, the subset teams use: numbers, `*`, lists and ranges. Returns null for
// anything else so the planner can skip the job instead of guessing.
function field(text, min, max) {
  if (text === '*') return null;
  const values = new Set();
  for (const part of text.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += 1) values.add(v);
  }
  return values;
}

function parseSchedule(expression) {
  const parts = String(expression).trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = [field(parts[0], 0, 59), field(parts[1], 0, 23), field(parts[2], 1, 31), field(parts[3], 1, 12), field(parts[4], 0, 6)];
  if ([minute, hour, dom, month, dow].includes(undefined)) return null;
  return { minute, hour, dom, month, dow };
}

function matches(set, value) {
  return set === null || set.has(value);
}

module.exports = { parseSchedule, matches };
