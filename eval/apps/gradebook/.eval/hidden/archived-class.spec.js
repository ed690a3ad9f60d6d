'use strict';

const assert = require('node:assert/strict');
const { start } = require('./helpers');

describe('report cards of a class that is not in this term', () => {
  let app;
  beforeEach(async () => {
    app = await start();
  });
  afterEach(() => app.close());

  it('answers 404 with the usual error body', async () => {
    const res = await app.get('/classes/8b-maths/report-cards');
    assert.equal(res.status, 404);
    assert.equal(typeof res.body.error, 'string');
    assert.deepEqual(app.errors, []);
  });

  it('still builds cards for current classes', async () => {
    const res = await app.get('/classes/9-science-set1/report-cards');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.cards, [
      { student: 'Amelia Clarke', average: 91, band: 'A' },
      { student: 'Grace Osei', average: 88, band: 'A' },
    ]);
  });
});
