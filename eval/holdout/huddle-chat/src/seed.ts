import type { Message, Room } from "./store/memory.ts";

export const rooms: Room[] = [
  { id: "r_general", name: "#general", members: ["maya", "jon", "ines", "kofi", "li.wei", "sam"], archived: false },
  { id: "r_backend", name: "#backend", members: ["maya", "kofi", "li.wei", "sam"], archived: false },
  { id: "r_design", name: "#design", members: ["ines", "jon", "sam"], archived: false },
  { id: "r_launch", name: "#launch-2025", members: ["maya", "jon"], archived: true },
];

export const messages: Message[] = [
  { id: "m_00001", roomId: "r_backend", threadOf: null, author: "kofi", text: "Deploy of the C++ indexer is done", mentions: [], sentAt: "2026-11-02T09:00:00.000Z" },
  { id: "m_00002", roomId: "r_backend", threadOf: null, author: "maya", text: "(urgent) queue lag on ingest again", mentions: [], sentAt: "2026-11-02T09:05:00.000Z" },
  { id: "m_00003", roomId: "r_backend", threadOf: "m_00002", author: "sam", text: "looking", mentions: [], sentAt: "2026-11-02T09:06:00.000Z" },
  { id: "m_00004", roomId: "r_general", threadOf: null, author: "ines", text: "Lunch at 12:30? [poll]", mentions: [], sentAt: "2026-11-02T10:00:00.000Z" },
  { id: "m_00005", roomId: "r_design", threadOf: null, author: "jon", text: "New icons are in Figma *v2*", mentions: [], sentAt: "2026-11-02T11:00:00.000Z" },
];
