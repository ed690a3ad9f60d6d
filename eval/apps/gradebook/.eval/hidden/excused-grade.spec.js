'use strict';

const assert = require('node:assert/strict');
const { start } = require('./helpers');

describe('a transcript with an excused assessment', () => {
  let app;
  beforeEach(async () => {
    app = await start();
  });
  afterEach(() => app.close());

  it('lists the excused assessment without a score and leaves it out of the average', async () => {
    const res = await app.get('/students/S-2304/transcript');
    assert.equal(res.status, 200);
    assert.equal(res.body.rows.length, 3);
    assert.deepEqual(res.body.rows[0], { subject: 'Mathematics', assessment: 'Algebra test', score: '64.0', band: 'C' });
    const excused = res.body.rows[1];
    assert.equal(excused.assessment, 'Geometry project');
    assert.ok(excused.score === null || excused.score === undefined || !/\d|NaN|undefined/.test(String(excused.score)), `score ${excused.score}`);
    assert.ok(!/^[A-DU]$/.test(String(excused.band)), `an excused assessment has no grade band, got ${excused.band}`);
    assert.doesNotMatch(JSON.stringify(res.body), /NaN|undefined/);
    assert.equal(res.body.overall, 72.5);
  });

  it('averages the marked assessments only', async () => {
    const res = await app.get('/students/S-1988/transcript');
    assert.equal(res.status, 200);
    assert.equal(res.body.overall, 69);
  });
});
