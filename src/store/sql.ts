// The one database port. Two drivers implement it: postgres.js (real PostgreSQL, also behind
// Supabase's transaction pooler) and PGlite (embedded, zero-install). Queries are plain text with
// $n parameters; set-based writes pass rows as one jsonb parameter so both drivers behave alike.

export type SqlParam = string | number | boolean | null | Date;

export interface Sql {
  readonly driver: "postgres" | "pglite";
  query<Row = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs fn inside one transaction; the Sql given to fn is bound to it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** A typed database error with the SQLSTATE code, so callers never match on message text. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SqlError";
  }
}

export const SERIALIZATION_FAILURE = "40001";
export const DEADLOCK_DETECTED = "40P01";

export function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error;
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new SqlError(message, typeof code === "string" ? code : null, { cause: error });
}

/** Retry a set-based statement that lost a lock race; these codes mean "try again", nothing else. */
export async function withRetryOnConflict<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const sqlError = toSqlError(error);
      const retryable = sqlError.code === DEADLOCK_DETECTED || sqlError.code === SERIALIZATION_FAILURE;
      if (!retryable || attempt >= attempts) throw sqlError;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
