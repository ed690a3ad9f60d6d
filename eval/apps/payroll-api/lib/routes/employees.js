import { Router } from 'express';
import { NotFoundError, ValidationError } from '../errors.js';
import { computePayslip, isPeriod } from '../payslip.js';

export function employeesRouter(db) {
  const router = Router();

  router.get('/', (req, res) => {
    const { department } = req.query;
    const list = [...db.employees.values()].filter((e) => !department || e.department === department);
    res.json(list.map(({ id, name, department: dept }) => ({ id, name, department: dept })));
  });

  router.get('/:id', (req, res, next) => {
    const employee = db.employees.get(req.params.id);
    if (!employee) return next(new NotFoundError('Employee', req.params.id));
    const { iban, ...visible } = employee;
    res.json({ ...visible, iban: `${iban.slice(0, 4)}…${iban.slice(-4)}` });
  });

  // Preview of the payslip for an open period, as HR sees it before the run is closed.
  router.get('/:id/payslip', (req, res, next) => {
    const employee = db.employees.get(req.params.id);
    if (!employee) return next(new NotFoundError('Employee', req.params.id));
    const period = req.query.period;
    if (!isPeriod(period)) return next(new ValidationError('period must look like 2026-11'));
    res.json(computePayslip(employee, period, db.adjustmentsFor(employee.id, period)));
  });

  return router;
}
