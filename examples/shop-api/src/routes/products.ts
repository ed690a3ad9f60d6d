import { badRequest, json, notFound, readJson, unprocessable } from "../lib/http.ts";
import { toMajorUnits } from "../lib/money.ts";
import type { Product } from "../lib/db.ts";
import type { Context, Router } from "../lib/router.ts";

interface ProductPatch {
  name?: string;
  priceCents?: number;
  stock?: number;
  tags?: string[];
}

function toProductView(product: Product) {
  return {
    id: product.id,
    name: product.name,
    price: toMajorUnits(product.priceCents),
    currency: product.currency,
    inStock: product.stock > 0,
    tags: product.tags,
  };
}

function listProducts(_request: Request, ctx: Context): Response {
  const tag = ctx.url.searchParams.get("tag");
  const products = [...ctx.db.products.values()].filter((product) => !tag || product.tags.includes(tag));
  return json({ products: products.map(toProductView) });
}

function getProduct(_request: Request, ctx: Context): Response {
  const product = ctx.db.products.get(ctx.params.id);
  if (!product) return notFound("product");
  const view = toProductView(product);
  if (product.salePriceCents !== null) {
    const badge = `Now ${formatPrice(product.salePriceCents, product.currency)}`;
    return json({ ...view, salePrice: toMajorUnits(product.salePriceCents), badge });
  }
  return json(view);
}

async function updateProduct(request: Request, ctx: Context): Promise<Response> {
  const product = ctx.db.products.get(ctx.params.id);
  if (!product) return notFound("product");
  const patch = await readJson<ProductPatch>(request);
  if (patch.priceCents !== undefined && (!Number.isInteger(patch.priceCents) || patch.priceCents <= 0)) {
    return unprocessable("priceCents must be a positive integer");
  }
  if (patch.stock !== undefined && (!Number.isInteger(patch.stock) || patch.stock < 0)) {
    return unprocessable("stock must be a non-negative integer");
  }
  if (patch.name !== undefined) product.name = patch.name.trim();
  if (patch.priceCents !== undefined) product.priceCents = patch.priceCents;
  if (patch.stock !== undefined) product.stock = patch.stock;
  if (patch.tags !== undefined) {
    product.tags = patch.tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0);
  }
  return json(toProductView(product));
}

async function getShippingQuote(_request: Request, ctx: Context): Promise<Response> {
  const product = ctx.db.products.get(ctx.params.id);
  if (!product) return notFound("product");
  const zip = ctx.url.searchParams.get("zip") ?? "";
  if (!/^\d{5}$/.test(zip)) return badRequest("zip must be a 5-digit postal code");
  const quantity = Number(ctx.url.searchParams.get("quantity") ?? "1");
  const quotes = await ctx.shipping.quote({ productId: product.id, zip, quantity });
  return json({
    productId: product.id,
    quotes: quotes.map((quote) => ({ carrier: quote.carrier, price: toMajorUnits(quote.priceCents), etaDays: quote.etaDays })),
  });
}

export function productRoutes(router: Router): void {
  router.add("GET", "/products", listProducts);
  router.add("GET", "/products/:id", getProduct);
  router.add("PATCH", "/products/:id", updateProduct);
  router.add("GET", "/products/:id/shipping", getShippingQuote);
}
