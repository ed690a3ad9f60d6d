import assert from 'node:assert/strict';
import { mean, nps, quantile } from '../src/stats.js';

describe('stats', () => {
  it('averages', () => {
    assert.equal(mean([2, 4, 9]), 5);
    assert.equal(mean([]), null);
  });

  it('interpolates quantiles', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([10, 0, 5], 0.9), 9);
  });

  it('computes the net promoter score', () => {
    assert.equal(nps([10, 9, 8, 7, 3]), 20);
  });
});
