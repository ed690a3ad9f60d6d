// A tiny method + path router: `/users/:id` style patterns, exact segment counts, no regexes.

import type { Db } from "./db.ts";
import type { ShippingClient } from "./shipping.ts";

export interface Context {
  params: Record<string, string>;
  url: URL;
  db: Db;
  shipping: ShippingClient;
  /** Set by the API gateway after it has verified the session. */
  userId: string | null;
}

export type Handler = (request: Request, ctx: Context) => Response | Promise<Response>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
}

export interface Router {
  add(method: string, pattern: string, handler: Handler): void;
  match(method: string, pathname: string): Match | null;
}

function split(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i];
    if (expected.startsWith(":")) {
      params[expected.slice(1)] = decodeURIComponent(actual[i]);
      continue;
    }
    if (expected !== actual[i]) return null;
  }
  return params;
}

export function createRouter(): Router {
  const routes: Route[] = [];
  return {
    add(method, pattern, handler) {
      routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    },
    match(method, pathname) {
      const actual = split(pathname);
      for (const route of routes) {
        if (route.method !== method.toUpperCase()) continue;
        const params = matchSegments(route.segments, actual);
        if (params) return { handler: route.handler, params };
      }
      return null;
    },
  };
}
