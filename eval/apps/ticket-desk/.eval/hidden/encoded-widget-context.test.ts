import { describe, expect, it } from "vitest";
import { testApp } from "./setup.ts";

const payload = { subject: "Cannot invite a colleague", email: "sales@linde-moebel.de", message: "Hello, please help." };
const context = { page: "/billing", appVersion: "ios-4.2.0", locale: "en-GB" };

async function open(header: string) {
  const { app, store } = await testApp();
  const response = await app.inject({ method: "POST", url: "/tickets", headers: { "x-widget-context": header }, payload });
  return { response, store };
}

function expectHandled(response: Awaited<ReturnType<typeof open>>["response"], store: Awaited<ReturnType<typeof open>>["store"]) {
  if (response.statusCode === 201) {
    const ticket = store.get(response.json().ticket.id);
    expect(ticket?.subject).toBe(payload.subject);
    expect(ticket?.comments[0]?.body).toBe(payload.message);
    return ticket;
  }
  // Refusing the header is defensible too, as long as the client is told why.
  expect(response.statusCode).toBeGreaterThanOrEqual(400);
  expect(response.statusCode).toBeLessThan(500);
  expect(typeof response.json().message).toBe("string");
  return undefined;
}

describe("a ticket whose widget context header is not plain JSON", () => {
  it("is not a server error when the header is URL-encoded JSON", async () => {
    const { response, store } = await open(encodeURIComponent(JSON.stringify(context)));
    const ticket = expectHandled(response, store);
    if (ticket?.context !== undefined) expect(ticket.context).toEqual(context);
  });

  it("is not a server error when the header is not JSON at all", async () => {
    const { response, store } = await open("page=/billing;v=ios-4.2.0");
    const ticket = expectHandled(response, store);
    if (ticket) expect(typeof ticket.context === "string").toBe(false);
  });

  it("keeps the context of a plain JSON header", async () => {
    const { response, store } = await open(JSON.stringify(context));
    expect(response.statusCode).toBe(201);
    expect(store.get(response.json().ticket.id)?.context).toEqual(context);
  });
});
