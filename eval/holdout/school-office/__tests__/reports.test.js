'use strict';

const { start } = require('./helpers');
const { gpa } = require('../server/terms');

let api;
beforeAll(async () => {
  api = await start();
});
afterAll(() => api.stop());

test('honour roll of a term, however the link spells it', async () => {
  const { status, body } = await api.json('/reports/honour-roll?term=2026-Fall%20');
  expect(status).toBe(200);
  expect(body.term).toBe('2026-fall');
  expect(body.label).toBe('Fall 2026');
  expect(body.students).toEqual([
    { id: 's-2203', name: 'Chloé Martin', year: 12, gpa: 4 },
    { id: 's-2201', name: 'Amira Haddad', year: 11, gpa: 3.87 },
    { id: 's-2205', name: 'Eun-ji Park', year: 12, gpa: 3.5 },
  ]);
});

test('honour roll of an earlier term', async () => {
  const { body } = await api.json('/reports/honour-roll?term=2026-spring');
  expect(body.students.map((s) => s.id)).toEqual(['s-2204']);
});

test('rejects an unknown season', async () => {
  expect((await api.json('/reports/honour-roll?term=2026-winter')).status).toBe(400);
});

test('weights grade points by credits', () => {
  expect(gpa([{ letter: 'A', credits: 4 }, { letter: 'C', credits: 2 }])).toBe(3.33);
  expect(gpa([])).toBeNull();
});
