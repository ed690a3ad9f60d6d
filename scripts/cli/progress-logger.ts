import type { Logger } from "../../src/core/logger.ts";

// Live progress for people: one line per mission step with the time it took. Everything that is
// not a mission transition goes to stderr only when it is a warning or an error.

export function createProgressLogger(options: { enabled: boolean; started: number }) {
  let lastStep = options.started;
  const shortIds = new Map<string, string>();
  function label(mission: string): string {
    let id = shortIds.get(mission);
    if (!id) {
      id = `#${shortIds.size + 1}`;
      shortIds.set(mission, id);
    }
    return id;
  }
  const logger: Logger = {
    info(message, meta) {
      if (!options.enabled || message !== "mission transition" || !meta) return;
      const mission = String(meta.mission);
      const now = performance.now();
      // Steps run one after another, so a step took the time since the previous line.
      const since = lastStep;
      lastStep = now;
      const elapsed = ((now - options.started) / 1000).toFixed(2).padStart(6);
      console.log(`${elapsed}s  mission ${label(mission).padEnd(3)} ${String(meta.from).padEnd(11)} → ${String(meta.to).padEnd(12)} ${Math.round(now - since)} ms`);
    },
    warn(message, meta) {
      console.error(`warning: ${message} ${meta ? JSON.stringify(meta) : ""}`);
    },
    error(message, meta) {
      console.error(`error: ${message} ${meta ? JSON.stringify(meta) : ""}`);
    },
  };
  return {
    logger,
    note(text: string) {
      if (options.enabled) console.log(text);
    },
  };
}
