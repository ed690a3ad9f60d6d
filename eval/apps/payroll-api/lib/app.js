import express from 'express';
import { createDb } from './db.js';
import { errorMiddleware } from './errors.js';
import { employeesRouter } from './routes/employees.js';
import { payrunsRouter } from './routes/payruns.js';

const defaultLogger = {
  error(fields, message) {
    console.error(message, fields.err);
  },
};

export function createApp({ db = createDb(), logger = defaultLogger } = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.use('/employees', employeesRouter(db));
  app.use('/payruns', payrunsRouter(db));
  app.use(errorMiddleware(logger));
  return app;
}
