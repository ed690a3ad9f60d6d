'use strict';

function createHandlers(store, clock) {
  return {
    // GET /:slug — the redirect everyone sees.
    redirect({ params }) {
      const link = store.links.get(params.slug);
      if (link.expiresAt && Date.parse(link.expiresAt) < clock().getTime()) {
        return { status: 410, body: { error: 'This link has expired' } };
      }
      link.hits += 1;
      store.recordClick(link.slug);
      return { status: 302, headers: { location: link.target }, body: null };
    },

    // POST /api/links — marketing creates links from the campaign tool.
    create({ body }) {
      if (!body || !store.validSlug(body.slug) || !/^https:\/\//.test(body.target ?? '')) {
        return { status: 400, body: { error: 'slug (a-z, 0-9, -) and an https target are required' } };
      }
      if (store.links.has(body.slug)) return { status: 409, body: { error: 'slug taken' } };
      const link = { slug: body.slug, target: body.target, campaign: body.campaign ?? null, createdAt: clock().toISOString(), expiresAt: body.expiresAt ?? null, hits: 0 };
      store.links.set(link.slug, link);
      return { status: 201, body: link };
    },

    // GET /api/links/:slug/stats?day=YYYY-MM-DD
    stats({ params, query }) {
      if (!store.links.has(params.slug)) return { status: 404, body: { error: 'no such link' } };
      const total = store.totals[params.slug] ?? 0;
      const day = query.get('day');
      if (!day) return { status: 200, body: { slug: params.slug, total } };
      return { status: 200, body: { slug: params.slug, total, day, clicks: store.clicksByDay[params.slug][day] } };
    },
  };
}

module.exports = { createHandlers };
