// `npm run demo`: the whole healing loop on the bundled example app, with nothing installed.
// 1. copy examples/shop-api to a temp dir and make it a git repository tagged v1.4.2 (the release
//    its production events name);
// 2. replay its production incident: detect, diagnose, fix, guard, validate with the app's own
//    tests, decide (demo config: autonomy 2), merge what policy allows;
// 3. deploy main as Suture left it: send the traffic after the deploy to the app at that commit
//    (examples/shop-api/incident/deploy-and-record.ts records what that code throws), replay it
//    and judge each merged fix on it; a fix that was only proposed is not in that code, so its
//    bug keeps firing;
// 4. print the verdicts and the diffs.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deployAndRecord } from "../examples/shop-api/incident/deploy-and-record.ts";
import { runReplayCommand } from "./cli/replay-command.ts";
import { formatTable, truncate } from "./cli/format-table.ts";

const root = resolve(import.meta.dirname, "..");
const example = join(root, "examples", "shop-api");
const work = mkdtempSync(join(tmpdir(), "suture-demo-"));
const repo = join(work, "shop-api");
const dataDir = process.env.DATABASE_URL ? null : join(work, "suture-db");
const started = performance.now();

function git(...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Shop Team", "-c", "user.email=team@shop.example", ...args], { cwd: repo, encoding: "utf8" });
}

function heading(text: string): void {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`);
}

try {
  heading("1. The app: examples/shop-api, release v1.4.2, in a fresh git repository");
  cpSync(example, repo, { recursive: true, filter: (source) => !source.includes("node_modules") });
  // The team's `npm install`: the app's only dependency (tsx) is one of Suture's own.
  symlinkSync(join(root, "node_modules"), join(repo, "node_modules"), "dir");
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "shop-api v1.4.2");
  git("tag", "v1.4.2");
  console.log(`  ${repo}`);

  heading("2. Replay the production incident (autonomy 2: auto-apply P2–P4 when tests pass)");
  const incident = await runReplayCommand({
    repo,
    events: join(repo, "incident", "events.jsonl"),
    test: "npm test --silent",
    merge: true,
    json: false,
    autonomy: 2,
    project: null,
    dataDir,
  });

  heading("3. Deploy main, send it the traffic after the deploy, judge the merged fixes on it");
  const postDeploy = join(work, "post-deploy.jsonl");
  const deployed = await deployAndRecord({ repo, ref: "main", out: postDeploy });
  console.log(`  main at ${deployed.commit.slice(0, 12)} served 15:30–16:00 UTC; what its code threw:`);
  console.log(deployed.summary.replace(/^/gm, "  "));
  const after = await runReplayCommand({
    repo,
    events: postDeploy,
    test: "npm test --silent",
    merge: true,
    json: false,
    autonomy: 2,
    project: null,
    dataDir,
    quiet: true,
  });
  // A group's events grow only by what the deployed code threw in that traffic.
  const before = new Map(incident.missions.map((mission) => [mission.fingerprint, mission.events]));
  console.log("");
  console.log(
    formatTable(
      ["error", "decision", "after deploy", "state"],
      after.missions.map((mission) => [
        truncate(`${mission.error_type}: ${mission.message}`, 64),
        mission.decision,
        `${mission.events - (before.get(mission.fingerprint) ?? 0)} errors`,
        mission.state,
      ]),
    ),
  );
  const waiting = after.missions.filter((mission) => mission.state === "proposed").length;
  if (waiting > 0) console.log(`  ${waiting} fixes were only proposed, so main still has those bugs and they kept firing after the deploy.`);

  heading("4. What changed on main");
  console.log(git("log", "--oneline", "--graph", "-12"));
  for (const mission of incident.missions) {
    if (!mission.fix) continue;
    console.log(`\x1b[1m${mission.fix.branch}\x1b[0m  (${mission.decision}, confidence ${mission.fix.confidence}, risk ${mission.fix.risk})`);
    console.log(git("diff", "--color=never", `${mission.fix.commit}~1`, mission.fix.commit));
  }
  console.log(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s; the repository is kept at ${repo}`);
} catch (error) {
  console.error(`demo failed: ${(error as Error).message}`);
  rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
}
