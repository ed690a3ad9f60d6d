import { json, notFound, unprocessable } from "../lib/http.ts";
import { discountedTotal, formatPrice, subtotal } from "../lib/money.ts";
import { findShortages, reserveStock } from "../lib/inventory.ts";
import type { Order, OrderLine } from "../lib/db.ts";
import type { Context, Router } from "../lib/router.ts";

interface OrderInput {
  items: Array<{ productId: string; quantity?: number }>;
  couponCode?: string;
}

function unauthorized(): Response {
  return json({ error: "unauthorized", message: "sign in to see or place orders" }, 401);
}

function toOrderView(order: Order) {
  return { ...order, total: formatPrice(order.totalCents, order.currency) };
}

async function createOrder(request: Request, ctx: Context): Promise<Response> {
  if (!ctx.userId) return unauthorized();
  const input = JSON.parse(await request.text()) as OrderInput;
  if (!Array.isArray(input.items) || input.items.length === 0) {
    return unprocessable("items must be a non-empty array");
  }

  const lines: OrderLine[] = [];
  for (const item of input.items) {
    const product = ctx.db.products.get(String(item.productId));
    if (!product) return unprocessable(`unknown product ${item.productId}`);
    const quantity = item.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1) return unprocessable("quantity must be a positive integer");
    lines.push({ productId: product.id, quantity, unitPriceCents: product.salePriceCents ?? product.priceCents });
  }

  const shortages = findShortages(ctx.db, lines);
  if (shortages.length > 0) {
    return json({ error: "out_of_stock", message: "some items are sold out", productIds: shortages }, 409);
  }

  let totalCents = subtotal(lines);
  let couponCode: string | null = null;
  if (input.couponCode) {
    couponCode = input.couponCode.trim().toUpperCase();
    const discount = ctx.db.coupons.get(couponCode);
    if (!discount) return unprocessable(`unknown coupon ${input.couponCode}`);
    totalCents = discountedTotal(lines, discount);
  }

  reserveStock(ctx.db, lines);
  const order: Order = {
    id: ctx.db.nextOrderId(),
    userId: ctx.userId,
    lines,
    couponCode,
    totalCents,
    currency: "EUR",
    status: "placed",
    createdAt: new Date().toISOString(),
  };
  ctx.db.orders.set(order.id, order);
  return json(toOrderView(order), 201, { location: `/orders/${order.id}` });
}

function getOrder(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return unauthorized();
  const order = ctx.db.orders.get(ctx.params.id);
  // Someone else's order is reported as missing so ids cannot be probed.
  if (!order || order.userId !== ctx.userId) return notFound("order");
  return json(toOrderView(order));
}

function cancelOrder(_request: Request, ctx: Context): Response {
  if (!ctx.userId) return unauthorized();
  const order = ctx.db.orders.get(ctx.params.id);
  if (!order || order.userId !== ctx.userId) return notFound("order");
  if (order.status !== "placed") return json({ error: "conflict", message: `order is already ${order.status}` }, 409);
  order.status = "cancelled";
  for (const line of order.lines) {
    const product = ctx.db.products.get(line.productId);
    if (product) product.stock += line.quantity;
  }
  return json(toOrderView(order));
}

export function orderRoutes(router: Router): void {
  router.add("POST", "/orders", createOrder);
  router.add("GET", "/orders/:id", getOrder);
  router.add("POST", "/orders/:id/cancel", cancelOrder);
}
