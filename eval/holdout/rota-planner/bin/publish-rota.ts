import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { planWeek, renderRota, type WeekInput } from "../src";

export type Post = (channel: string, text: string) => Promise<void>;
export type Report = (error: Error, tags: Record<string, string>) => void;

/** Plans one store's week and posts it to the store channel. */
export async function publishStore(input: WeekInput, post: Post) {
  const plan = planWeek(input);
  const text = renderRota(plan, input.employees);
  await post(`#rota-${input.storeId}`, text);
  return plan;
}

/** Sunday 18:00: every store's week, one at a time; one store failing never stops the others. */
export async function publishAll(inputs: WeekInput[], post: Post, report: Report) {
  const published: string[] = [];
  for (const input of inputs) {
    try {
      await publishStore(input, post);
      published.push(input.storeId);
    } catch (error) {
      report(error as Error, { store: input.storeId, week: input.weekOf });
    }
  }
  return published;
}

/** Reads every store's week exported by HR into `dir` and publishes them. */
export async function main({ dir, post, report }: { dir: string; post: Post; report: Report }) {
  const inputs: WeekInput[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith(".json")).sort()) {
    inputs.push(JSON.parse(await readFile(join(dir, file), "utf8")));
  }
  const done = await publishAll(inputs, post, report);
  return { published: done.length, stores: inputs.length };
}

if (require.main === module) {
  void main({
    dir: process.env.ROTA_INPUT_DIR ?? "/data/rota-input",
    post: async (channel, text) => console.log(`${channel}\n${text}\n`),
    report: (error, tags) => console.error(JSON.stringify({ ...tags, error: error.stack })),
  }).then(({ published, stores }) => console.log(`published ${published} of ${stores} stores`));
}
