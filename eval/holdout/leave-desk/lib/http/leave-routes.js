'use strict';

const express = require('express');
const { asyncRoute } = require('./async-route');

function leaveRoutes({ leaveService, leave }) {
  const router = express.Router();

  router.get(
    '/employees/:employeeId/leave',
    asyncRoute(async (req, res) => {
      const employee = await leaveService.employeeOrFail(req.params.employeeId);
      res.json({ items: await leave.forEmployee(employee.id) });
    }),
  );

  router.post(
    '/employees/:employeeId/leave',
    asyncRoute(async (req, res) => {
      const created = await leaveService.request(req.params.employeeId, req.body);
      res.status(201).json(created);
    }),
  );

  router.get(
    '/employees/:employeeId/balances/:type',
    asyncRoute(async (req, res) => {
      const year = Number(req.query.year) || 2026;
      res.json(await leaveService.balance(req.params.employeeId, req.params.type, year));
    }),
  );

  return router;
}

module.exports = { leaveRoutes };
