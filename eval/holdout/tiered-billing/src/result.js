// A tiny Result: expected business outcomes travel as values, bugs still throw.

export const ok = (value) => ({ ok: true, value });
export const err = (code, message) => ({ ok: false, error: { code, message } });

/** Runs steps left to right; the first failed Result stops the pipeline. */
export const pipe =
  (...steps) =>
  (input) =>
    steps.reduce((result, step) => (result.ok ? step(result.value) : result), ok(input));
