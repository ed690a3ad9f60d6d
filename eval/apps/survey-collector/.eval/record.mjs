// Records survey-collector v2.6.1 during a product launch week: the Pulse embed widget posts
// responses from customer sites, and the dashboard polls live reports. Widget 2.0 sends a multi
// question with one box ticked as a plain string; dashboard 5.4 added a "p90" toggle.
// Every event is a real HTTP request to the app (served by @hono/node-server); errors are what
// its onError hook reported.
//
//   node .eval/record.mjs

import { serve } from '@hono/node-server';
import { fileURLToPath } from 'node:url';
import { createRecording } from '../../../tools/recorder.mjs';
import { createApp } from '../src/app.js';

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/workspace/',
  release: '2.6.1',
  origin: 'https://collect.pulse-surveys.io',
  start: '2026-11-03T15:00:00Z',
  seed: 0x5a7e1,
  tags: { service: 'survey-collector', cluster: 'eu-1' },
});
const { rand } = rec;

rec.expect('single-choice-string', { type: 'TypeError', message: /^answer\.forEach is not a function$/, status: 500 });
rec.expect('percentile-export-renamed', { type: 'TypeError', message: /^stats\.percentile is not a function$/, status: 500 });

const SITES = ['https://app.lumen-crm.com', 'https://shop.oakandiron.co.uk', 'https://portal.verdant-energy.de', 'https://www.kitebase.io'];
const WIDGETS = ['pulse-embed/1.9.4', 'pulse-embed/2.0.3', 'pulse-embed/2.0.3'];
const CHANNELS = ['email', 'chat', 'docs', 'webinar', 'phone'];
const REASONS = ['price', 'shipping', 'payment', 'trust', 'other'];

function some(options) {
  const picked = options.filter(() => rand.chance(0.35));
  return picked.length ? picked : [rand.pick(options)];
}

function answersFor(survey, widget) {
  const legacyArrays = widget === 'pulse-embed/1.9.4';
  const multi = (options) => {
    const picked = some(options);
    return picked.length === 1 && !legacyArrays ? picked[0] : picked;
  };
  if (survey === 'onboarding-2026q4') {
    return { nps: rand.int(3, 10), channels: multi(CHANNELS), role: rand.pick(['admin', 'member', 'member', 'guest']), ...(rand.chance(0.3) ? { comment: rand.pick(['Great docs', 'SSO setup was hard', 'More webinars please']) } : {}) };
  }
  return { reasons: multi(REASONS), effort: rand.int(1, 5) };
}

for (let i = 0; i < 60; i += 1) {
  const survey = rand.chance(0.6) ? 'onboarding-2026q4' : 'checkout-exit';
  const widget = rand.pick(WIDGETS);
  const answers = answersFor(survey, widget);
  const single = Object.values(answers).some((value) => typeof value === 'string' && (CHANNELS.includes(value) || REASONS.includes(value)));
  const headers = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', origin: rand.pick(SITES), 'x-pulse-widget': widget };
  rec.add({ kind: single ? 'single-choice-string' : 'ok', status: single ? undefined : 201, request: { method: 'POST', path: `/surveys/${survey}/responses`, headers, json: { answers, respondent: `r_${rand.hex(10)}` } }, ms: single ? 3 : 6 });
}
const DASHBOARD = (version) => ({ 'user-agent': `PulseDashboard/${version}`, accept: 'application/json' });
for (let i = 0; i < 30; i += 1) {
  const survey = rand.pick(['onboarding-2026q4', 'checkout-exit']);
  const version = rand.pick(['5.3.2', '5.4.0']);
  const p90 = version === '5.4.0' && rand.chance(0.6);
  rec.add({ kind: p90 ? 'percentile-export-renamed' : 'ok', request: { method: 'GET', path: `/surveys/${survey}/report${p90 ? '?percentile=90' : ''}`, headers: DASHBOARD(version) }, user: rand.pick(['u_marketing_1', 'u_pm_4', 'u_cx_2']), ms: 5 });
}

let reported = null;
const app = createApp({ report: (error) => { reported = error; } });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
rec.onCleanup(() => new Promise((resolve) => server.close(resolve)));
const url = `http://127.0.0.1:${server.address().port}`;

await rec.run(async (item) => {
  reported = null;
  const { status } = await rec.httpSend(url, item);
  return { status, error: reported };
});
await rec.write();
