import { Router } from 'express';
import { csvHeader } from '../csv.js';
import { NotFoundError } from '../errors.js';

const EXPORT_COLUMNS = ['personnel_no', 'name', 'gross', 'tax', 'net', 'iban'];

export function payrunsRouter(db) {
  const router = Router();

  router.get('/:period', (req, res, next) => {
    const run = db.payrun(req.params.period);
    if (!run) return next(new NotFoundError('Pay run', req.params.period));
    const total = run.payslips.reduce((sum, slip) => sum + slip.net, 0);
    res.json({ period: run.period, closedAt: run.closedAt, employees: run.payslips.length, totalNet: Math.round(total * 100) / 100 });
  });

  // Pulled by the accounting system's import job.
  router.get('/:period/export.csv', (req, res, next) => {
    const run = db.payrun(req.params.period);
    if (!run) return next(new NotFoundError('Pay run', req.params.period));
    const rows = run.payslips.map((slip) => {
      const employee = db.employees.get(slip.employeeId);
      return toCsvRow([slip.employeeId, employee.name, slip.gross, slip.tax, slip.net, employee.iban]);
    });
    res.type('text/csv').send([csvHeader(EXPORT_COLUMNS), ...rows].join('\n') + '\n');
  });

  return router;
}
