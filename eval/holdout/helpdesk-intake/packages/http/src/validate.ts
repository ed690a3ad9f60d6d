import { PRIORITIES, PRODUCTS, type NewTicket, type Priority, type Product } from "../../core/src/index.ts";
import { HttpError } from "./http-error.ts";

export function readNewTicket(body: unknown): Omit<NewTicket, "context"> {
  if (typeof body !== "object" || body === null) throw new HttpError(400, "invalid_body", "Expected a JSON object");
  const { customerId, product, priority = "normal", subject, body: text } = body as Record<string, unknown>;
  if (typeof customerId !== "string" || !/^c_[a-z0-9]{6,}$/.test(customerId)) throw new HttpError(422, "invalid_customer", "customerId is missing or malformed");
  if (!PRODUCTS.includes(product as Product)) throw new HttpError(422, "invalid_product", `product must be one of ${PRODUCTS.join(", ")}`);
  if (!PRIORITIES.includes(priority as Priority)) throw new HttpError(422, "invalid_priority", `priority must be one of ${PRIORITIES.join(", ")}`);
  if (typeof subject !== "string" || subject.trim() === "") throw new HttpError(422, "invalid_subject", "subject is required");
  if (typeof text !== "string") throw new HttpError(422, "invalid_body", "body is required");
  return { customerId, product: product as Product, priority: priority as Priority, subject: subject.trim().slice(0, 160), body: text };
}
