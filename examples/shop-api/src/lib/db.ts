// In-memory store. Production swaps this for Postgres behind the same interface; tests and local
// runs get a fresh copy of the seed so no test sees another's writes.

import type { Currency, Discount } from "./money.ts";

export interface User {
  id: string;
  name: string;
  email: string;
  plan: "free" | "pro";
  createdAt: string;
}

export interface Product {
  id: string;
  name: string;
  priceCents: number;
  /** Set while the product is on sale; the list price stays in priceCents. */
  salePriceCents: number | null;
  currency: Currency;
  stock: number;
  tags: string[];
}

export interface OrderLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  userId: string;
  lines: OrderLine[];
  couponCode: string | null;
  totalCents: number;
  currency: Currency;
  status: "placed" | "shipped" | "cancelled";
  createdAt: string;
}

export interface Db {
  users: Map<string, User>;
  products: Map<string, Product>;
  orders: Map<string, Order>;
  coupons: Map<string, Discount>;
  nextOrderId(): string;
}

export interface Seed {
  users: User[];
  products: Product[];
  orders: Order[];
  coupons: Record<string, Discount>;
}

export function defaultSeed(): Seed {
  return {
    users: [
      { id: "1001", name: "Ada Byron", email: "ada@example.com", plan: "pro", createdAt: "2025-02-11T09:12:00Z" },
      { id: "1002", name: "Grace Hopper", email: "grace@example.com", plan: "free", createdAt: "2025-03-02T17:40:00Z" },
      { id: "1003", name: "Alan Turing", email: "alan@example.com", plan: "free", createdAt: "2025-04-19T08:05:00Z" },
      { id: "1004", name: "Katherine Johnson", email: "kj@example.com", plan: "pro", createdAt: "2025-05-23T13:30:00Z" },
      { id: "1005", name: "Edsger Dijkstra", email: "ewd@example.com", plan: "free", createdAt: "2025-07-08T10:00:00Z" },
      { id: "1006", name: "Barbara Liskov", email: "liskov@example.com", plan: "pro", createdAt: "2025-09-14T15:45:00Z" },
      { id: "1007", name: "Ken Thompson", email: "ken@example.com", plan: "free", createdAt: "2026-01-03T11:20:00Z" },
      { id: "1008", name: "Frances Allen", email: "fran@example.com", plan: "free", createdAt: "2026-03-27T19:10:00Z" },
    ],
    products: [
      { id: "501", name: "Trail running shoes", priceCents: 12900, salePriceCents: null, currency: "EUR", stock: 14, tags: ["running", "shoes"] },
      { id: "502", name: "Merino base layer", priceCents: 7900, salePriceCents: 5900, currency: "EUR", stock: 30, tags: ["merino", "winter"] },
      { id: "503", name: "Headlamp 400lm", priceCents: 4500, salePriceCents: null, currency: "EUR", stock: 52, tags: ["lights"] },
      { id: "504", name: "Insulated bottle 750ml", priceCents: 3200, salePriceCents: 2400, currency: "EUR", stock: 80, tags: ["hydration"] },
      { id: "505", name: "Rain shell", priceCents: 18900, salePriceCents: null, currency: "EUR", stock: 6, tags: ["rain", "jackets"] },
      { id: "506", name: "Running vest 12l", priceCents: 11500, salePriceCents: 8900, currency: "EUR", stock: 11, tags: ["running", "packs"] },
      { id: "507", name: "Gaiters", priceCents: 2900, salePriceCents: null, currency: "EUR", stock: 0, tags: ["running"] },
      { id: "508", name: "Trekking poles", priceCents: 9900, salePriceCents: null, currency: "EUR", stock: 19, tags: ["hiking"] },
    ],
    orders: [
      {
        id: "70001",
        userId: "1001",
        lines: [{ productId: "501", quantity: 1, unitPriceCents: 12900 }],
        couponCode: null,
        totalCents: 12900,
        currency: "EUR",
        status: "shipped",
        createdAt: "2026-11-18T10:02:00Z",
      },
    ],
    coupons: {
      WELCOME10: { kind: "percent", value: 10 },
      WINTER15: { kind: "percent", value: 15 },
      FIVEOFF: { kind: "fixed", valueCents: 500 },
    },
  };
}

export function createDb(seed: Seed = defaultSeed()): Db {
  // Copies, so a handler mutating a record never edits the seed another Db was built from.
  const copy = structuredClone(seed);
  let lastOrderId = Math.max(70000, ...copy.orders.map((order) => Number(order.id)));
  return {
    users: new Map(copy.users.map((user) => [user.id, user])),
    products: new Map(copy.products.map((product) => [product.id, product])),
    orders: new Map(copy.orders.map((order) => [order.id, order])),
    coupons: new Map(Object.entries(copy.coupons)),
    nextOrderId() {
      lastOrderId += 1;
      return String(lastOrderId);
    },
  };
}
