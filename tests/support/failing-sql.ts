import type { Sql, SqlParam } from "../../src/store/sql.ts";

// A Sql that passes everything through except queries matching `pattern`, which fail the way a
// dropped connection does: to test what callers do when the database lets them down mid-way.

export function failingSql(inner: Sql, pattern: RegExp, message: string): Sql {
  const check = (text: string) => {
    if (pattern.test(text)) throw Object.assign(new Error(message), { code: "08006" });
  };
  return {
    driver: inner.driver,
    async query<Row>(text: string, params?: readonly SqlParam[]) {
      check(text);
      return inner.query<Row>(text, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(failingSql(tx, pattern, message))),
    async exec(script: string) {
      check(script);
      return inner.exec(script);
    },
    close: () => inner.close(),
  };
}
