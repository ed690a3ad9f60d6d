import type { NextFunction, Request, RequestHandler, Response } from "express";

/** Express 4 leaves rejected promises unhandled; this hands them to the error middleware. */
export default function route(handler: (req: Request, res: Response) => Promise<unknown>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}
