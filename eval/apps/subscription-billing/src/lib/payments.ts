export interface Charge {
  id: string;
  status: "succeeded" | "requires_action";
}

/** Client for the payment service provider's charges API. */
export function createPayments(baseUrl: string, apiKey: string) {
  return {
    async charge(customerId: string, amount: number, currency: string, idempotencyKey: string): Promise<Charge> {
      const response = await fetch(`${baseUrl}/v1/charges`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify({ customer: customerId, amount, currency }),
      });
      if (!response.ok) throw new Error(`PSP answered ${response.status}`);
      return (await response.json()) as Charge;
    },
  };
}

export type Payments = ReturnType<typeof createPayments>;

let payments: Payments = createPayments(process.env.PSP_URL ?? "https://api.psp.example", process.env.PSP_KEY ?? "");

export function usePayments(next: Payments): void {
  payments = next;
}

export function currentPayments(): Payments {
  return payments;
}
