'use strict';

const assert = require('node:assert/strict');
const { start } = require('./helpers');
const { band, average } = require('../src/marks');

describe('marks', () => {
  it('bands scores', () => {
    assert.equal(band(85), 'A');
    assert.equal(band(69.9), 'C');
    assert.equal(band(12), 'U');
  });

  it('averages to one decimal', () => {
    assert.equal(average([78, 85]), 81.5);
    assert.equal(average([]), null);
  });
});

describe('classes', () => {
  let app;
  beforeEach(async () => {
    app = await start();
  });
  afterEach(() => app.close());

  it('shows a class', async () => {
    const { body } = await app.get('/classes/9b-english');
    assert.equal(body.size, 2);
  });

  it('answers 404 for an unknown class', async () => {
    const res = await app.get('/classes/7a-latin');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: 'class not found' });
  });

  it('builds report cards that leave excused work out', async () => {
    const { body } = await app.get('/classes/9b-maths/report-cards');
    assert.deepEqual(body, {
      class: 'Mathematics',
      teacher: 'Mr Patel',
      cards: [
        { student: 'Amelia Clarke', average: 81.5, band: 'B' },
        { student: 'Yusuf Demir', average: 64, band: 'C' },
      ],
    });
  });
});

describe('students', () => {
  let app;
  beforeEach(async () => {
    app = await start();
  });
  afterEach(() => app.close());

  it('prints a transcript', async () => {
    const { body } = await app.get('/students/S-2291/transcript');
    assert.equal(body.rows.length, 4);
    assert.deepEqual(body.rows[2], { subject: 'Science', assessment: 'Forces practical', score: '91.0', band: 'A' });
    assert.equal(body.overall, 81.5);
  });

  it('answers 404 for an unknown student', async () => {
    assert.equal((await app.get('/students/S-0001/transcript')).status, 404);
  });
});
