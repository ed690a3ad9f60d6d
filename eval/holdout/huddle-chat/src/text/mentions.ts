const MENTION = /(^|[\s(])@([a-z][a-z0-9_.-]{1,31})/gi;

/** Handles mentioned in a message, lower-cased, each once, in order of first mention. */
export const extractMentions = (text: string): string[] => {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) found.add(match[2].toLowerCase().replace(/[.-]+$/, ""));
  return [...found];
};

/** Only members of the room are notified; everyone else's handle stays plain text. */
export const notifiable = (mentions: string[], members: string[], author: string) =>
  mentions.filter((handle) => handle !== author && members.includes(handle));
