import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "../../src/ingest/event.ts";
import { FILTERED, TRUNCATED, isSensitiveKey, scrubDeep, scrubEvent, scrubHeaders, scrubText, scrubUrl } from "../../src/ingest/scrub.ts";

describe("scrubText", () => {
  it.each([
    ["email", "no account for ana.lima+test@example.co.uk", `no account for ${FILTERED}`],
    ["bearer token", "Authorization: Bearer abc123.def456-ghi", `Authorization: Bearer ${FILTERED}`],
    ["basic credentials", "sent Basic dXNlcjpwYXNzd29yZA==", `sent Basic ${FILTERED}`],
    [
      "JWT",
      "jwt expired: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      `jwt expired: ${FILTERED}`,
    ],
    ["OpenAI key", "bad key sk-proj-Ab12Cd34Ef56Gh78Ij90KlMn", `bad key ${FILTERED}`],
    ["Anthropic key", "using sk-ant-api03-Ab12Cd34Ef56Gh78Ij90-KlMn_op", `using ${FILTERED}`],
    ["Stripe secret key", "stripe sk_live_51HxYzAbCdEfGh12345", `stripe ${FILTERED}`],
    ["GitHub classic token", "push with ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12", `push with ${FILTERED}`],
    ["GitHub OAuth token", "gho_16C7e42F292c6912E7710c838347Ae178B4a", FILTERED],
    ["GitHub app token", "ghs_16C7e42F292c6912E7710c838347Ae178B4a", FILTERED],
    ["GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", FILTERED],
    ["Supabase secret key", "key sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz", `key ${FILTERED}`],
    ["AWS access key id", "creds AKIAIOSFODNN7EXAMPLE rejected", `creds ${FILTERED} rejected`],
    [
      "AWS secret access key",
      "aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      `aws_secret_access_key ${FILTERED}`,
    ],
    ["password in a URL", "connect postgres://app:s3cret@db.internal:5432/app failed", `connect postgres://app:${FILTERED}@db.internal:5432/app failed`],
    ["card number with spaces", "charge 4111 1111 1111 1111 declined", `charge ${FILTERED} declined`],
    ["card number with dashes", "card 5555-5555-5555-4444", `card ${FILTERED}`],
    ["card number unbroken", "amex 378282246310005.", `amex ${FILTERED}.`],
    ["password=", "login failed password=hunter2&user=ana", `login failed password=${FILTERED}&user=ana`],
    ["token=", "retry token=abc123", `retry token=${FILTERED}`],
    ["secret:", "config secret: topsecretvalue", `config secret: ${FILTERED}`],
    ["api_key=", "GET /v1?api_key=Zx81Yq", `GET /v1?api_key=${FILTERED}`],
    ["JSON password", '{"user":"ana","password":"hunter 2"}', `{"user":"ana","password":"${FILTERED}"}`],
    ["cookie header", "Cookie: sid=abc; theme=dark", `Cookie: ${FILTERED}`],
    [
      "private key block",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
      `-----BEGIN RSA PRIVATE KEY-----${FILTERED}-----END RSA PRIVATE KEY-----`,
    ],
  ])("filters a %s", (_kind, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it("finds a secret pair after a harmless key on the same line", () => {
    expect(scrubText("Error: password=hunter2")).toBe(`Error: password=${FILTERED}`);
    expect(scrubText("Error: password: hunter2")).toBe(`Error: password: ${FILTERED}`);
    expect(scrubText("see https://x.test/cb?a=1&token=abc")).toBe(`see https://x.test/cb?a=1&token=${FILTERED}`);
  });

  it.each([
    "order 12345 failed",
    "retry in 30 seconds",
    "Cannot read properties of undefined (reading 'email')",
    "Bearer of bad news",
    "task-runner-queue-2024-abcdef is busy",
    "express@4.19.2 failed to load",
    "getUser@https://app.example.com/static/js/main.js:12:20",
    "timestamp 1718000000000 is in the future",
    "phone +1 555 123 4567",
    "card 4111 1111 1111 1112 is not Luhn-valid",
    "token: undefined",
    "sb_publishable_abc123 is public",
    "ts 2024-01-15 12:30:00",
  ])("keeps ordinary text: %s", (text) => {
    expect(scrubText(text)).toBe(text);
  });

  it("stays linear on adversarial input", () => {
    const inputs = [
      "a".repeat(100_000),
      "a@".repeat(50_000),
      `${"a".repeat(100_000)}@${"b".repeat(100_000)}`,
      "1 ".repeat(50_000),
      "eyJ".repeat(30_000),
      "x=".repeat(50_000),
      `https://${"u".repeat(50_000)}:${"p".repeat(50_000)}`,
      "sk-".repeat(30_000),
      "'".repeat(100_000),
    ];
    for (const input of inputs) expect(typeof scrubText(input)).toBe("string");
  });
});

describe("scrubUrl", () => {
  it("filters credentials and sensitive query and fragment parameters", () => {
    expect(scrubUrl("https://ana:pw123@api.example.com/users/42?token=abc&page=2#access_token=xyz&state=1")).toBe(
      `https://ana:${FILTERED}@api.example.com/users/42?token=${FILTERED}&page=2#access_token=${FILTERED}&state=1`,
    );
  });

  it("filters url-encoded emails in query values and keeps other parameters", () => {
    expect(scrubUrl("/invite?email=ana%40example.com&X-Amz-Signature=abcd&q=shoes")).toBe(
      `/invite?email=${FILTERED}&X-Amz-Signature=${FILTERED}&q=shoes`,
    );
  });

  it("leaves a plain url unchanged", () => {
    expect(scrubUrl("https://example.com/products/12?sort=asc")).toBe("https://example.com/products/12?sort=asc");
  });
});

describe("isSensitiveKey", () => {
  it.each(["Cookie", "authorization", "Set-Cookie", "x-api-key", "Proxy-Authorization", "DB_PASSWORD", "client_secret", "refresh_token"])(
    "treats %s as sensitive",
    (key) => expect(isSensitiveKey(key)).toBe(true),
  );
  it.each(["user-agent", "content-type", "route", "email_verified", "status"])("treats %s as harmless", (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
});

function event(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    eventId: "e1",
    timestamp: new Date("2024-01-15T10:30:00Z"),
    level: "error",
    environment: "production",
    release: "abc123",
    exception: {
      type: "Error",
      value: "no user ana@example.com (token=abc123)",
      frames: [
        { file: "/home/ana@example.com/src/a.ts", function: "load", line: 1, column: 2, inApp: true },
      ],
    },
    request: { method: "GET", url: "https://x.test/u?password=pw", route: "/u", status: 500, durationMs: 12 },
    userId: "user-42@example.com",
    tags: { cookie: "sid=1", "x-api-key": "k", region: "eu", note: "by ana@example.com" },
    fingerprint: null,
    source: "generic",
    ...overrides,
  };
}

describe("scrubEvent", () => {
  it("scrubs the message, frames, url and tags and leaves the user id for the store to hash", () => {
    const input = event();
    const out = scrubEvent(input);
    expect(out.exception?.value).toBe(`no user ${FILTERED} (token=${FILTERED})`);
    expect(out.exception?.frames[0].file).toBe(`/home/${FILTERED}/src/a.ts`);
    expect(out.request?.url).toBe(`https://x.test/u?password=${FILTERED}`);
    expect(out.tags).toEqual({ cookie: FILTERED, "x-api-key": FILTERED, region: "eu", note: `by ${FILTERED}` });
    expect(out.userId).toBe("user-42@example.com");
    expect(input.exception?.value).toBe("no user ana@example.com (token=abc123)");
  });

  it("handles events without exception or request", () => {
    const out = scrubEvent(event({ exception: null, request: null }));
    expect(out.exception).toBeNull();
    expect(out.request).toBeNull();
  });
});

describe("scrubDeep", () => {
  it("filters sensitive keys at any depth and scrubs strings", () => {
    expect(
      scrubDeep({
        headers: { authorization: "Bearer x", cookie: "a=b", "user-agent": "curl/8", "x-api-key": "k1" },
        body: { user: { email: "ana@example.com", password: "p", settings: { max_tokens: 1000 } } },
        list: ["ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12", 3, true, null],
      }),
    ).toEqual({
      headers: { authorization: FILTERED, cookie: FILTERED, "user-agent": "curl/8", "x-api-key": FILTERED },
      body: { user: { email: FILTERED, password: FILTERED, settings: { max_tokens: 1000 } } },
      list: [FILTERED, 3, true, null],
    });
  });

  it("truncates structures deeper than 10 levels", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 20; i++) deep = { next: deep };
    let node = scrubDeep(deep);
    let depth = 0;
    while (typeof node === "object" && node !== null) {
      node = (node as { next: unknown }).next;
      depth++;
    }
    expect(depth).toBe(10);
    expect(node).toBe(TRUNCATED);
  });

  it("bounds the number of values it copies", () => {
    const wide = Array.from({ length: 5_000 }, (_, i) => ({ i, tags: Array.from({ length: 5 }, () => "x") }));
    const out = scrubDeep({ a: wide }) as { a: unknown[] };
    expect(out.a.length).toBeLessThanOrEqual(1_001);
    expect(JSON.stringify(out)).toContain(TRUNCATED);
  });
});

describe("request evidence scrubbing", () => {
  it("redacts credential headers by name and scrubs the other values as text", () => {
    expect(
      scrubHeaders({
        authorization: "Bearer abc123def456",
        cookie: "sid=1",
        "set-cookie": "sid=2",
        "proxy-authorization": "Basic dXNlcjpwYXNz",
        "x-api-key": "k1",
        "x-csrf-token": "t",
        "x-client-secret": "s",
        "x-goog-api-key": "g",
        "idempotency-key": "i",
        "x-session-id": "abc",
        "user-agent": "curl/8",
        "x-forwarded-email": "ana@example.com",
        referer: "https://app.test/cb?token=abc123",
        accept: "*/*",
      }),
    ).toEqual({
      authorization: FILTERED,
      cookie: FILTERED,
      "set-cookie": FILTERED,
      "proxy-authorization": FILTERED,
      "x-api-key": FILTERED,
      "x-csrf-token": FILTERED,
      "x-client-secret": FILTERED,
      "x-goog-api-key": FILTERED,
      "idempotency-key": FILTERED,
      "x-session-id": FILTERED,
      "user-agent": "curl/8",
      "x-forwarded-email": FILTERED,
      referer: `https://app.test/cb?token=${FILTERED}`,
      accept: "*/*",
    });
  });

  it("redacts body keys that name secrets structurally, numbers under card, cvv, pin and password keys too", () => {
    const out = scrubEvent(
      event({
        request: {
          method: "POST",
          url: "https://x.test/checkout",
          route: "/checkout",
          status: 500,
          durationMs: 3,
          headers: { "content-type": "application/json", authorization: "Bearer abcdefgh12345678" },
          body: {
            email: "ana@example.com",
            password: "hunter2",
            apiKey: "k-123",
            token: { value: "t" },
            card: 4111111111111111,
            cardNumber: "4111 1111 1111 1111",
            cvv: 123,
            ssn: "123-45-6789",
            pin: 1234,
            secret: 42,
            max_tokens: 1000,
            remember: true,
            items: [{ sku: "sku_1", qty: 2, note: "call 4111 1111 1111 1111" }],
          },
        },
      }),
    );
    expect(out.request?.headers).toEqual({ "content-type": "application/json", authorization: FILTERED });
    expect(out.request?.body).toEqual({
      email: FILTERED,
      password: FILTERED,
      apiKey: FILTERED,
      token: FILTERED,
      card: FILTERED,
      cardNumber: FILTERED,
      cvv: FILTERED,
      ssn: FILTERED,
      pin: FILTERED,
      secret: FILTERED,
      max_tokens: 1000,
      remember: true,
      items: [{ sku: "sku_1", qty: 2, note: `call ${FILTERED}` }],
    });
  });

  it("scrubs a body that was not JSON as text", () => {
    const out = scrubEvent(event({ request: { method: "POST", url: "/login", route: "/login", status: 500, durationMs: 1, body: "user=ana&password=hunter2&card=4111111111111111" } }));
    expect(out.request?.body).toBe(`user=ana&password=${FILTERED}&card=${FILTERED}`);
  });
});
