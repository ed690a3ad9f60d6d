import type { Ticket } from "../../core/src/index.ts";

export interface Notifier {
  ticketOpened(ticket: Ticket): Promise<void>;
}

/** Posts to the support team's chat webhook; failures never block ticket intake. */
export function createWebhookNotifier(url: string, onError: (error: Error) => void = () => {}): Notifier {
  return {
    async ticketOpened(ticket) {
      try {
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: `${ticket.priority.toUpperCase()} ${ticket.id} (${ticket.product}): ${ticket.subject}`, assignee: ticket.assignee }),
          signal: AbortSignal.timeout(1500),
        });
      } catch (error) {
        onError(error as Error);
      }
    },
  };
}

export const silentNotifier: Notifier = { ticketOpened: async () => {} };
