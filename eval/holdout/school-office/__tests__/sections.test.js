'use strict';

const { start } = require('./helpers');

let api;
beforeEach(async () => {
  api = await start();
});
afterEach(() => api.stop());

test('lists the sections of the current term by default', async () => {
  const { status, body } = await api.json('/sections');
  expect(status).toBe(200);
  expect(body.term).toBe('2026-fall');
  expect(body.sections.map((s) => s.code)).toEqual(['MATH-11A', 'CHEM-12', 'HIST-10', 'LIT-11', 'PHYS-12']);
});

test('rejects a malformed term', async () => {
  const { status, body } = await api.json('/sections?term=fall');
  expect(status).toBe(400);
  expect(body).toEqual({ error: "term must look like 2026-fall, got 'fall'" });
});

test('shows a section without students who left the school', async () => {
  const { body } = await api.json('/sections/sec-101');
  expect(body.students).toEqual([
    { id: 's-2201', name: 'Amira Haddad' },
    { id: 's-2202', name: 'Bram Jansen' },
    { id: 's-2207', name: "Gráinne O'Neill" },
  ]);
});

test('answers 404 for an unknown section', async () => {
  const { status, body } = await api.json('/sections/sec-999');
  expect(status).toBe(404);
  expect(body).toEqual({ error: "no section 'sec-999'" });
});

test('exports a roster with grades as CSV', async () => {
  const res = await api.request('/sections/sec-102/roster.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  expect(res.headers.get('content-disposition')).toMatch(/CHEM-12-roster\.csv/);
  expect(await res.text()).toBe(
    'id,name,email,year,grade\n' +
      's-2203,Chloé Martin,chloe.martin@students.linden.edu,12,A\n' +
      's-2205,Eun-ji Park,eunji.park@students.linden.edu,12,A-\n' +
      's-2208,Hugo Lefèvre,hugo.lefevre@students.linden.edu,12,\n',
  );
});

test('records a grade and validates it', async () => {
  const put = (path, letter) =>
    api.json(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ letter }) });
  expect((await put('/sections/sec-102/grades/s-2208', 'B+')).status).toBe(200);
  expect((await put('/sections/sec-102/grades/s-2208', 'E')).status).toBe(422);
  expect((await put('/sections/sec-102/grades/s-2201', 'A')).status).toBe(404);
});
