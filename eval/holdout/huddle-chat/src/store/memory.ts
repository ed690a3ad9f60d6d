export type Room = { id: string; name: string; members: string[]; archived: boolean };
export type Message = {
  id: string;
  roomId: string;
  threadOf: string | null;
  author: string;
  text: string;
  mentions: string[];
  sentAt: string;
};
export type Notification = { to: string; messageId: string; roomId: string };

export type Store = ReturnType<typeof createStore>;

export const createStore = (seed: { rooms: Room[]; messages?: Message[] }, clock: () => Date = () => new Date()) => {
  const rooms = new Map(seed.rooms.map((room) => [room.id, { ...room }]));
  const messages: Message[] = [...(seed.messages ?? [])];
  const outbox: Notification[] = [];
  let counter = messages.length;

  return {
    room: (id: string) => rooms.get(id),
    rooms: () => [...rooms.values()],
    messagesIn: (roomId: string) => messages.filter((m) => m.roomId === roomId),
    message: (id: string) => messages.find((m) => m.id === id),
    append: (draft: Omit<Message, "id" | "sentAt">): Message => {
      counter += 1;
      const message = { ...draft, id: `m_${String(counter).padStart(5, "0")}`, sentAt: clock().toISOString() };
      messages.push(message);
      return message;
    },
    notify: (notification: Notification) => void outbox.push(notification),
    outbox: () => [...outbox],
  };
};
