import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";

export type Reporter = (error: unknown, req: Request) => void;

/** Express 4 does not see rejected promises; every async handler goes through this. */
export function asyncRoute(handler: (req: Request, res: Response) => Promise<unknown>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

export function reportErrors(report: Reporter): ErrorRequestHandler {
  return (error, req, res, _next) => {
    report(error, req);
    res.status(500).json({ error: "internal_error" });
  };
}
