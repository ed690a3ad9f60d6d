import { Hono } from "hono";
import type { Message, Store } from "../store/memory.ts";
import { notifiable, preview, readDraft } from "../text/index.ts";

const summary = (message: Message, replies: number) => ({
  id: message.id,
  author: message.author,
  text: message.text,
  preview: preview(message.text),
  mentions: message.mentions,
  replies,
  sentAt: message.sentAt,
});

export const messageRoutes = (store: Store) =>
  new Hono()
    .get("/rooms/:roomId/messages", (c) => {
      const room = store.room(c.req.param("roomId"));
      if (!room) return c.json({ error: `room ${c.req.param("roomId")} not found` }, 404);
      const q = c.req.query("q")?.trim();
      const limit = Math.min(Number(c.req.query("limit") ?? 50) || 50, 200);

      const inRoom = store.messagesIn(room.id);
      let top = inRoom.filter((m) => m.threadOf === null);
      if (q) {
        const pattern = new RegExp(q, "i");
        top = top.filter((m) => pattern.test(m.text) || pattern.test(m.author));
      }
      const replies = (id: string) => inRoom.filter((m) => m.threadOf === id).length;
      return c.json({ room: room.id, messages: top.slice(-limit).map((m) => summary(m, replies(m.id))) });
    })
    .post("/rooms/:roomId/messages", async (c) => {
      const room = store.room(c.req.param("roomId"));
      if (!room) return c.json({ error: `room ${c.req.param("roomId")} not found` }, 404);
      if (room.archived) return c.json({ error: `${room.name} is archived` }, 409);
      const draft = readDraft(await c.req.json().catch(() => null));
      if (typeof draft === "string") return c.json({ error: draft }, 400);
      if (!room.members.includes(draft.author)) return c.json({ error: `${draft.author} is not in ${room.name}` }, 403);

      const mentions = draft.text.includes("@") ? extractMentions(draft.text) : [];
      const message = store.append({ roomId: room.id, threadOf: null, author: draft.author, text: draft.text, mentions });
      for (const to of notifiable(mentions, room.members, draft.author)) store.notify({ to, messageId: message.id, roomId: room.id });
      return c.json(message, 201);
    });
