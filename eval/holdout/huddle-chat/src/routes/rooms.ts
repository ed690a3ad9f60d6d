import { Hono } from "hono";
import type { Store } from "../store/memory.ts";

export const roomRoutes = (store: Store) =>
  new Hono()
    .get("/rooms", (c) => {
      const member = c.req.query("member")?.toLowerCase();
      const rooms = store.rooms().filter((room) => !room.archived && (!member || room.members.includes(member)));
      return c.json({ rooms: rooms.map(({ id, name, members }) => ({ id, name, members: members.length })) });
    })
    .get("/rooms/:roomId", (c) => {
      const room = store.room(c.req.param("roomId"));
      if (!room) return c.json({ error: `room ${c.req.param("roomId")} not found` }, 404);
      return c.json(room);
    })
    .get("/people/:handle/notifications", (c) => {
      const handle = c.req.param("handle").toLowerCase();
      return c.json({ handle, notifications: store.outbox().filter((n) => n.to === handle) });
    });
