const MAX_LENGTH = 4000;

export type Draft = { author: string; text: string };

export const readDraft = (body: unknown): Draft | string => {
  if (typeof body !== "object" || body === null) return "body must be a JSON object";
  const { author, text } = body as Record<string, unknown>;
  if (typeof author !== "string" || author === "") return "author is required";
  if (typeof text !== "string" || text.trim() === "") return "text is required";
  if (text.length > MAX_LENGTH) return `text is longer than ${MAX_LENGTH} characters`;
  return { author: author.toLowerCase(), text: text.trim() };
};

export const preview = (text: string, length = 80) => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);
