import postgres from "postgres";
import { type Sql, type SqlParam, toSqlError } from "../sql.ts";

// postgres.js with options that also work behind Supabase's transaction pooler (Supavisor,
// port 6543): no prepared statements, since a pooled transaction may land on another backend.

export interface PostgresDriverOptions {
  url: string;
  max?: number;
  /** Supabase's pooler cannot keep prepared statements; direct connections can, but one setting is simpler. */
  prepare?: boolean;
  applicationName?: string;
}

export function createPostgresSql(options: PostgresDriverOptions): Sql {
  const client = postgres(options.url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? false,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? "suture" },
    types: {
      // int8 as JS number: counts and ids stay well below 2^53.
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
  });
  return wrapPostgres(client, client);
}

// The custom int8 parser changes the client's type parameter; the wrapper does not depend on it.
// deno-lint-ignore no-explicit-any
type RootClient = postgres.Sql<any>;
// deno-lint-ignore no-explicit-any
type Client = RootClient | postgres.TransactionSql<any>;

function wrapPostgres(client: Client, root: RootClient): Sql {
  return {
    driver: "postgres",
    async query<Row>(text: string, params: readonly SqlParam[] = []) {
      try {
        const rows = await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
        return rows as unknown as Row[];
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (client !== root) return fn(wrapPostgres(client, root));
      try {
        return (await root.begin((tx) => fn(wrapPostgres(tx, root)))) as T;
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async exec(script: string) {
      try {
        await client.unsafe(script);
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async close() {
      if (client === root) await root.end({ timeout: 5 });
    },
  };
}
