import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { storeEvents, toRows } from "../../src/ingest/store-events.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";

// Full ingest path (parse, scrub, fingerprint, store) against a plain multi-row INSERT of the
// same rows, in the same run and database, so the ratio says what our processing costs.

export interface IngestBenchResult {
  events: number;
  batch_size: number;
  ingest_events_per_s: number;
  raw_insert_rows_per_s: number;
  ingest_vs_raw: number;
}

const RAW_COLUMNS = [
  "event_id", "fingerprint", "occurred_at", "source", "level", "environment", "release", "error_type",
  "message", "frames", "causes", "request_method", "request_route", "request_url", "status_code", "user_key", "tags",
] as const;

export async function benchIngest(sql: Sql, options: { events: number; batchSize: number }): Promise<IngestBenchResult> {
  const batches = buildBatches(options.events, options.batchSize);

  // Warm-up on a throwaway project: first-query planning and JIT are not what we measure.
  const warm = await createProject(sql, { name: `bench-warmup-${Date.now()}` });
  await storeEvents(sql, warm.project.id, parseGenericBatch(batches[0]!, new Date()).events);

  const ingestProject = await createProject(sql, { name: `bench-ingest-${Date.now()}` });
  const ingestStart = performance.now();
  for (const body of batches) {
    const batch = parseGenericBatch(body, new Date());
    await storeEvents(sql, ingestProject.project.id, batch.events);
  }
  const ingestSeconds = (performance.now() - ingestStart) / 1000;

  // The same rows, already processed, inserted with no grouping and no dedupe bookkeeping.
  const rawProject = await createProject(sql, { name: `bench-raw-${Date.now()}` });
  const rawBatches = batches.map((body) => toRows(rawProject.project.id, parseGenericBatch(body, new Date()).events).errorRows);
  const rawStart = performance.now();
  for (const rows of rawBatches) {
    const params: Array<string | number | null> = [];
    const tuples = rows.map((row) => {
      const base = params.length;
      params.push(rawProject.project.id);
      for (const column of RAW_COLUMNS) {
        const value = row[column];
        params.push(value === null || typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value));
      }
      return `(${Array.from({ length: RAW_COLUMNS.length + 1 }, (_, i) => `$${base + i + 1}`).join(", ")})`;
    });
    await sql.query(
      `insert into healing.error_events (project_id, ${RAW_COLUMNS.join(", ")}) values ${tuples.join(", ")}`,
      params,
    );
  }
  const rawSeconds = (performance.now() - rawStart) / 1000;

  const ingestRate = options.events / ingestSeconds;
  const rawRate = options.events / rawSeconds;
  return {
    events: options.events,
    batch_size: options.batchSize,
    ingest_events_per_s: Math.round(ingestRate),
    raw_insert_rows_per_s: Math.round(rawRate),
    ingest_vs_raw: Number((ingestRate / rawRate).toFixed(3)),
  };
}

/** Realistic generic-contract batches: a dozen bug shapes, noisy ids, users, routes, V8 stacks. */
function buildBatches(total: number, batchSize: number): string[] {
  const shapes = [
    ["TypeError", (i: number) => `Cannot read properties of undefined (reading 'email') for user ${i}`, "getUser", "src/routes/users.ts"],
    ["ReferenceError", () => "formatPrice is not defined", "renderOrder", "src/routes/orders.ts"],
    ["SyntaxError", (i: number) => `Unexpected token } in JSON at position ${i % 400}`, "createOrder", "src/routes/orders.ts"],
    ["TypeError", () => "Assignment to constant variable.", "cartTotal", "src/lib/cart.ts"],
    ["TypeError", () => "tags.map is not a function", "listProducts", "src/routes/products.ts"],
    ["Error", (i: number) => `Payment ${crypto.randomUUID()} declined for order ${i}`, "charge", "src/lib/payments.ts"],
  ] as const;
  const batches: string[] = [];
  // Recent times: live ingest accepts events from the last 30 days only.
  const base = Date.now() - 3_600_000;
  for (let start = 0; start < total; start += batchSize) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      const [type, message, fn, file] = shapes[i % shapes.length]!;
      const value = message(i);
      lines.push(
        JSON.stringify({
          event_id: `bench-${i}`,
          timestamp: new Date(base + i * 37).toISOString(),
          level: "error",
          environment: "production",
          release: "v1.4.2",
          exception: {
            type,
            value,
            stacktrace: `${type}: ${value}\n    at ${fn} (/var/task/${file}:${10 + (i % 5)}:15)\n    at handle (/var/task/src/server.ts:41:9)\n    at Server.emit (node:events:519:28)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
          },
          request: { method: "GET", url: `https://shop.example.com/api/items/${i}?session=abc`, status: 500, duration_ms: 20 + (i % 300) },
          user: { id: `user-${i % 997}` },
          tags: { region: i % 2 ? "eu-west-1" : "us-east-1", runtime: "node20" },
        }),
      );
    }
    batches.push(lines.join("\n"));
  }
  return batches;
}
