import { Hono } from "hono";
import { seedDb, type Db } from "./db.ts";
import { episodeRoutes, type RenditionJob } from "./routes/episodes.ts";
import { showRoutes } from "./routes/shows.ts";

export type AppOptions = {
  db?: Db;
  queue?: RenditionJob[];
  onError?: (error: Error, path: string) => void;
};

export function createApp({ db = seedDb(), queue = [], onError = (error) => console.error(error) }: AppOptions = {}) {
  const app = new Hono();
  app.get("/healthz", (c) => c.text("ok"));
  app.route("/shows", showRoutes(db));
  app.route("/episodes", episodeRoutes(db, queue));
  app.onError((error, c) => {
    onError(error, c.req.path);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
