export interface Notification {
  to: string[];
  ticketId: number;
  summary: string;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}

/** Queues mail through the outbox table; the mailer worker picks it up. */
export function outboxNotifier(outbox: Notification[]): Notifier {
  return {
    async send(notification) {
      outbox.push(notification);
    },
  };
}
