// Records roster-import v2.2.0 around the nightly sync: at 02:00 UTC the sync imports every
// company's HR export (and retries the failed ones at 02:15); meanwhile admins of the Singapore
// office upload roster files by hand in the admin console, some with rows added at the end that
// stop after the name. A library called by workers: events carry no request.
//
//   node --import tsx .eval/record.mjs

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";

const require = createRequire(import.meta.url);
const { Directory, processUpload, runNightlySync } = require("../src/index.ts");

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "2.2.0",
  origin: "https://unused.invalid",
  start: "2026-11-12T01:50:00Z",
  seed: 0x2057e2,
  tags: { service: "roster-worker" },
});
const { rand } = rec;

rec.expect("sync-without-progress-callback", { type: "TypeError", message: /^options\.onProgress is not a function$/ });
rec.expect("row-without-email", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'trim'\)$/ });

const HEADER = "employee_id,first_name,last_name,email,department,manager_email";
const FIRST = ["Mei", "Arjun", "Siti", "Kenji", "Nur", "Daniel", "Priya", "Hafiz", "Grace", "Wei"];
const LAST = ["Tan", "Lim", "Rahman", "Ong", "Nair", "Chua", "Wong", "Ismail", "Goh", "Koh"];
const DEPTS = ["Operations", "Finance", "Customer Success", "Engineering", "People"];

function person(company, n) {
  const first = rand.pick(FIRST);
  const last = rand.pick(LAST);
  return `${company.toUpperCase().slice(0, 3)}-${1000 + n},${first},${last},${first.toLowerCase()}.${last.toLowerCase()}${n}@${company}.crewbase.io,${rand.pick(DEPTS)},`;
}

function exportFor(company, rows) {
  return [HEADER, ...Array.from({ length: rows }, (_, n) => person(company, n))].join("\n") + "\n";
}

const COMPANIES = ["harbourline", "kopitiam", "lumenfab", "tidewell", "orchidpay", "sentosa-labs", "merlion-freight", "bukitgreen", "straitsmed"];
const exports = new Map(COMPANIES.map((company) => [company, exportFor(company, rand.int(4, 30))]));
const minute = (m) => Date.parse("2026-11-12T01:50:00Z") + m * 60_000;

// Nightly sync at 02:00 and its retry at 02:15: one event per company per run.
for (const [runAt, tag] of [[minute(10), "nightly"], [minute(25), "retry"]]) {
  COMPANIES.forEach((company, index) => rec.add({ kind: "sync-without-progress-callback", at: runAt + 800 + index * 350, run: runAt, company, tags: { run: tag, company } }));
}
// Admin uploads from the Singapore office (10:00 local); some files end in hand-added rows.
const uploads = [];
for (let i = 0; i < 12; i += 1) {
  const company = rand.pick(["harbourline", "kopitiam", "orchidpay"]);
  const rows = [HEADER, ...Array.from({ length: rand.int(3, 12) }, (_, n) => person(company, 200 + n))];
  const broken = rand.chance(0.6);
  if (broken) rows.push(`${company.toUpperCase().slice(0, 3)}-${1300 + i},${rand.pick(FIRST)},${rand.pick(LAST)}`);
  const at = rec.at(0, 29);
  uploads.push({ at, company, csv: rows.join("\n") + "\n", broken });
  if (broken) rec.add({ kind: "row-without-email", at, upload: uploads.length - 1, tags: { company, source: "admin-upload" } });
}

const directory = new Directory();
const syncRuns = new Map();

await rec.run(async (item) => {
  if (item.kind === "row-without-email") {
    const upload = uploads[item.upload];
    try {
      processUpload(upload.csv, directory, () => {}, [`${upload.company}.crewbase.io`]);
      return { error: null };
    } catch (error) {
      return { error };
    }
  }
  if (!syncRuns.has(item.run)) {
    const failures = new Map();
    await runNightlySync(COMPANIES, { fetchExport: async (company) => exports.get(company), directory, report: (error, { companyId }) => failures.set(companyId, error) });
    syncRuns.set(item.run, failures);
  }
  return { error: syncRuns.get(item.run).get(item.company) ?? null };
});
// Uploads that were fine leave no event, but they ran too: check they did not fail.
for (const upload of uploads.filter((u) => !u.broken)) processUpload(upload.csv, new Directory(), () => {}, [`${upload.company}.crewbase.io`]);
await rec.write();
