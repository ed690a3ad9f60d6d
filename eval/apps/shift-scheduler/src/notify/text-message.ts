import { outbox } from "./email";

// SMS are cut at 160 characters by the gateway; keep the roster line short.
export function sendSms(phone: string, text: string): void {
  outbox.sent.push({ channel: "sms", to: phone, text: text.length > 160 ? `${text.slice(0, 157)}...` : text });
}
