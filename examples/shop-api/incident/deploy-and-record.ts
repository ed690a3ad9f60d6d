// "Deploys" a commit of a shop-api repository and sends it the traffic after the deploy: the commit
// is checked out in a worktree of its own and record-incident.ts --post-deploy runs against it in a
// process of its own, so the app's modules load fresh from that commit and tsx maps their stacks to
// .ts lines, exactly as `npm run record-incident` does. Used by Suture's demo and its tests.

import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const RECORDER = fileURLToPath(new URL("./record-incident.ts", import.meta.url));
// `--import tsx` resolves from here: the recorder's own app folder, whose node_modules has tsx.
const RECORDER_APP = fileURLToPath(new URL("../", import.meta.url));

export interface DeployedTraffic {
  /** The commit the traffic ran against. */
  commit: string;
  /** The recorder's summary: lines written, and the errors the code threw, by kind. */
  summary: string;
}

export async function deployAndRecord(options: { repo: string; ref: string; out: string }): Promise<DeployedTraffic> {
  const commit = (await run("git", ["rev-parse", "--verify", `${options.ref}^{commit}`], { cwd: options.repo })).stdout.trim();
  const work = await mkdtemp(join(tmpdir(), "shop-api-deploy-"));
  const checkout = join(work, "shop-api");
  await run("git", ["worktree", "add", "--quiet", "--detach", checkout, commit], { cwd: options.repo });
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", RECORDER, "--post-deploy", checkout, "--out", options.out], { cwd: RECORDER_APP });
    return { commit, summary: stdout.trimEnd() };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`recording the traffic after the deploy of ${commit.slice(0, 12)} failed: ${stderr || (error as Error).message}`, { cause: error });
  } finally {
    await run("git", ["worktree", "remove", "--force", checkout], { cwd: options.repo });
    await rm(work, { recursive: true, force: true });
  }
}
