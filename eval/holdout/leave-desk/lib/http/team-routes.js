'use strict';

const express = require('express');
const { asyncRoute } = require('./async-route');

function teamRoutes({ teamCalendar, policies }) {
  const router = express.Router();

  router.get(
    '/teams/:teamId/calendar',
    asyncRoute(async (req, res) => {
      res.json(await teamCalendar.month(req.params.teamId, req.query.month));
    }),
  );

  router.get('/policies', (req, res) => {
    res.json({ items: policies.list().map((policy) => ({ code: policy.code, types: Object.keys(policy.allowances) })) });
  });

  router.get('/policies/:code', (req, res) => {
    res.json(policies.get(req.params.code));
  });

  return router;
}

module.exports = { teamRoutes };
