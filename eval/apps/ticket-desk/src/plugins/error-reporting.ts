import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";

export type Report = (error: Error, request: FastifyRequest, level: "error" | "warning") => void;

// Validation failures are reported too (at warning): they are how we notice a client sending
// something new.
export function installErrorReporting(app: FastifyInstance, report: Report): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    report(error, request, statusCode < 500 ? "warning" : "error");
    reply.code(statusCode).send({
      statusCode,
      error: statusCode < 500 ? "Bad Request" : "Internal Server Error",
      message: statusCode < 500 ? error.message : "Something went wrong",
    });
  });
}
