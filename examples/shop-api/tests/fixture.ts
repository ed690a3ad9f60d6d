import { createApp, type App } from "../src/app.ts";
import { createDb, type Db } from "../src/lib/db.ts";
import { createShippingClient } from "../src/lib/shipping.ts";

export interface TestApp {
  app: App;
  db: Db;
  errors: unknown[];
}

/** A fresh app over a fresh seed; the shipping API answers from `shippingFetch` (no network). */
export function makeApp(shippingFetch?: typeof fetch): TestApp {
  const db = createDb();
  const errors: unknown[] = [];
  const noShipping: typeof fetch = async () => new Response("shipping not stubbed", { status: 503 });
  const shipping = createShippingClient({ baseUrl: "http://shipping.test", fetch: shippingFetch ?? noShipping });
  const app = createApp({ db, shipping, onError: (error) => errors.push(error) });
  return { app, db, errors };
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  userId?: string;
}

export async function call(app: App, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.userId) headers["x-user-id"] = options.userId;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await app.fetch(new Request(`http://shop.test${path}`, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
