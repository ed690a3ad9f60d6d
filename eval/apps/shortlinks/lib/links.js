'use strict';

const SLUG = /^[a-z0-9-]{3,40}$/;

function createLinkStore(clock) {
  const links = new Map([
    ['boliglan', { slug: 'boliglan', target: 'https://www.fjordbank.no/lan/boliglan?utm_source=go', campaign: 'mortgage-autumn', createdAt: '2026-09-01T08:00:00Z', expiresAt: null, hits: 0 }],
    ['bsu-2026', { slug: 'bsu-2026', target: 'https://www.fjordbank.no/spare/bsu?utm_source=go', campaign: 'bsu', createdAt: '2026-10-10T08:00:00Z', expiresAt: '2026-12-31T23:59:59Z', hits: 0 }],
    ['black-week', { slug: 'black-week', target: 'https://www.fjordbank.no/kort/black-week?utm_source=go', campaign: 'cards', createdAt: '2026-11-01T08:00:00Z', expiresAt: '2026-11-30T23:59:59Z', hits: 0 }],
    ['app', { slug: 'app', target: 'https://www.fjordbank.no/app', campaign: null, createdAt: '2025-01-15T08:00:00Z', expiresAt: null, hits: 0 }],
    ['sommer-2026', { slug: 'sommer-2026', target: 'https://www.fjordbank.no/sommer', campaign: 'summer', createdAt: '2026-05-01T08:00:00Z', expiresAt: '2026-08-31T23:59:59Z', hits: 0 }],
  ]);
  // slug -> { 'YYYY-MM-DD': count }; a link gets its entry on its first click.
  const clicksByDay = {};
  const totals = {};

  return {
    links,
    clicksByDay,
    totals,
    validSlug: (slug) => SLUG.test(slug),
    recordClick(slug) {
      const day = clock().toISOString().slice(0, 10);
      clicksByDay[slug] ??= {};
      clicksByDay[slug][day] = (clicksByDay[slug][day] ?? 0) + 1;
      totals[slug] = (totals[slug] ?? 0) + 1;
    },
  };
}

module.exports = { createLinkStore };
