import { db } from "../../../../../lib/db.ts";

type Context = { params: Promise<{ id: string }> };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function POST(request: Request, { params }: Context) {
  const { id } = await params;
  const listing = db.find(id);
  if (!listing) return Response.json({ error: "Listing not found" }, { status: 404 });

  const body = await request.json().catch(() => null);
  if (!body || typeof body.name !== "string" || !EMAIL.test(body.email ?? "") || Number.isNaN(Date.parse(body.slot))) {
    return Response.json({ error: "name, email and slot are required" }, { status: 400 });
  }
  const viewing = { listingId: listing.id, name: body.name, email: body.email, slot: new Date(body.slot).toISOString() };
  db.viewings.push(viewing);
  return Response.json({ ok: true, viewing }, { status: 201 });
}
