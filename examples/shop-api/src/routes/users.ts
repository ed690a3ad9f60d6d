import { json, notFound } from "../lib/http.ts";
import type { User } from "../lib/db.ts";
import type { Context, Router } from "../lib/router.ts";

// Support staff see who a customer is without seeing the full address.
function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

function toUserView(user: User) {
  return { id: user.id, name: user.name, plan: user.plan, memberSince: user.createdAt };
}

function listUsers(_request: Request, ctx: Context): Response {
  const email = ctx.url.searchParams.get("email");
  const users = [...ctx.db.users.values()].filter((user) => !email || user.email === email.toLowerCase());
  return json({ users: users.map(toUserView) });
}

function getUser(_request: Request, ctx: Context): Response {
  const user = ctx.db.users.get(ctx.params.id);
  const email = maskEmail(user.email);
  return json({ ...toUserView(user), email });
}

function listUserOrders(_request: Request, ctx: Context): Response {
  const user = ctx.db.users.get(ctx.params.id);
  if (!user) return notFound("user");
  const orders = [...ctx.db.orders.values()].filter((order) => order.userId === user.id);
  return json({ userId: user.id, orders });
}

export function userRoutes(router: Router): void {
  router.add("GET", "/users", listUsers);
  router.add("GET", "/users/:id", getUser);
  router.add("GET", "/users/:id/orders", listUserOrders);
}
