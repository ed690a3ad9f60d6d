import { Hono } from "hono";
import type { Store } from "../store/memory.ts";
import { extractMentions, notifiable, readDraft } from "../text/index.ts";

export const threadRoutes = (store: Store) =>
  new Hono()
    .get("/messages/:messageId/replies", (c) => {
      const parent = store.message(c.req.param("messageId"));
      if (!parent) return c.json({ error: `message ${c.req.param("messageId")} not found` }, 404);
      return c.json({ parent: parent.id, replies: store.messagesIn(parent.roomId).filter((m) => m.threadOf === parent.id) });
    })
    .post("/messages/:messageId/replies", async (c) => {
      const parent = store.message(c.req.param("messageId"));
      if (!parent) return c.json({ error: `message ${c.req.param("messageId")} not found` }, 404);
      const room = store.room(parent.roomId)!;
      const draft = readDraft(await c.req.json().catch(() => null));
      if (typeof draft === "string") return c.json({ error: draft }, 400);
      if (!room.members.includes(draft.author)) return c.json({ error: `${draft.author} is not in ${room.name}` }, 403);

      const mentions = extractMentions(draft.text);
      // The thread starter hears about every reply, mentioned or not.
      const recipients = new Set([...notifiable(mentions, room.members, draft.author), parent.author]);
      recipients.delete(draft.author);
      const reply = store.append({ roomId: room.id, threadOf: parent.id, author: draft.author, text: draft.text, mentions });
      for (const to of recipients) store.notify({ to, messageId: reply.id, roomId: room.id });
      return c.json(reply, 201);
    });
