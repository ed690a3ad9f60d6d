import { createApp, createStore, seed } from "../src/index.ts";

export const setup = () => {
  let tick = Date.parse("2026-11-20T10:00:00.000Z");
  const store = createStore({ rooms: seed.rooms, messages: seed.messages }, () => new Date((tick += 1000)));
  const errors: Error[] = [];
  const app = createApp({ store, report: (error) => errors.push(error) });
  const post = (path: string, body: unknown) =>
    app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { app, store, errors, post };
};
