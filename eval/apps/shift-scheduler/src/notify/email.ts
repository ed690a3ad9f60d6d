export interface Outbox {
  sent: Array<{ channel: string; to: string; text: string }>;
}

export const outbox: Outbox = { sent: [] };

export function sendEmail(to: string, subject: string, text: string): void {
  outbox.sent.push({ channel: "email", to, text: `${subject}\n\n${text}` });
}
