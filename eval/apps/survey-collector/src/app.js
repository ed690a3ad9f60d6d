import { Hono } from 'hono';
import * as stats from './stats.js';
import { SURVEYS } from './surveys.js';
import { addResponse, emptyTally } from './tally.js';

export function createApp({ surveys = SURVEYS, report = (error) => console.error(error) } = {}) {
  const tallies = new Map(Object.values(surveys).map((survey) => [survey.id, emptyTally(survey)]));
  const app = new Hono();

  app.post('/surveys/:id/responses', async (c) => {
    const survey = surveys[c.req.param('id')];
    if (!survey) return c.json({ ok: false, error: 'survey not found' }, 404);
    const body = await c.req.json().catch(() => null);
    if (!body || typeof body.answers !== 'object' || body.answers === null) {
      return c.json({ ok: false, error: 'answers must be an object' }, 400);
    }
    addResponse(survey, tallies.get(survey.id), body.answers);
    return c.json({ ok: true }, 201);
  });

  // Live report for the dashboard. ?percentile=90 adds that percentile to scale questions.
  app.get('/surveys/:id/report', (c) => {
    const survey = surveys[c.req.param('id')];
    if (!survey) return c.json({ ok: false, error: 'survey not found' }, 404);
    const tally = tallies.get(survey.id);
    const percentile = c.req.query('percentile') ? Number(c.req.query('percentile')) : null;
    if (percentile !== null && !(percentile > 0 && percentile < 100)) {
      return c.json({ ok: false, error: 'percentile must be between 0 and 100' }, 400);
    }
    const questions = survey.questions.map((question) => {
      const entry = tally.questions[question.id];
      if (question.type !== 'scale') return { id: question.id, ...entry };
      const summary = { id: question.id, answered: entry.values.length, mean: stats.mean(entry.values) };
      if (question.id === 'nps') summary.nps = stats.nps(entry.values);
      if (percentile !== null) summary[`p${percentile}`] = stats.percentile(entry.values, percentile);
      return summary;
    });
    return c.json({ ok: true, survey: survey.id, responses: tally.responses, questions });
  });

  app.onError((error, c) => {
    report(error, c);
    return c.json({ ok: false, error: 'internal error' }, 500);
  });
  return app;
}
