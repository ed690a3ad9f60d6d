'use strict';

const { start } = require('./helpers');

let api;
beforeEach(async () => {
  api = await start();
});
afterEach(() => api.stop());

async function rosterRows(sectionId) {
  const res = await api.request(`/sections/${sectionId}/roster.csv`);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toMatch(/undefined|null|NaN/);
  const [header, ...rows] = text.trimEnd().split('\n');
  expect(header).toBe('id,name,email,year,grade');
  return rows;
}

test('exports the roster of a section that lists a student who left', async () => {
  const rows = await rosterRows('sec-101');
  expect(rows).toEqual(
    expect.arrayContaining([
      's-2201,Amira Haddad,amira.haddad@students.linden.edu,11,A',
      's-2202,Bram Jansen,bram.jansen@students.linden.edu,11,B',
      "s-2207,Gráinne O'Neill,grainne.oneill@students.linden.edu,11,",
    ]),
  );
  // The leaver may be left out or kept as a row of their own, but never as a blank line.
  expect(rows.length === 3 || rows.length === 4).toBe(true);
  for (const row of rows) expect(row).toMatch(/^s-\d{4},/);
  expect(new Set(rows.map((row) => row.split(',')[0])).size).toBe(rows.length);
  expect(api.errors).toEqual([]);
});

test('keeps the order of the roster', async () => {
  const rows = (await rosterRows('sec-103')).map((row) => row.split(',')[0]).filter((id) => id !== 's-2193');
  expect(rows).toEqual(['s-2204', 's-2206']);
});
