export { extractMentions, notifiable } from "./mentions.ts";
export { preview, readDraft, type Draft } from "./format.ts";
