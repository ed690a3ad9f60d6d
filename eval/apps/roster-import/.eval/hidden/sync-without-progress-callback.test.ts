import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Directory, runNightlySync } from "../src/index";

const csv = (company: string) =>
  ["employee_id,first_name,last_name,email,department,manager_email", `X-1,Ana,Lim,ana.lim@${company}.crewbase.io,People,`, `X-2,Kenji,Ong,kenji.ong@${company}.crewbase.io,Engineering,`].join("\n");

// The nightly sync imports without a progress callback; only the admin upload shows progress.
describe("the nightly sync", () => {
  it("imports every company's export", async () => {
    const directory = new Directory();
    const reported: unknown[] = [];
    const results = await runNightlySync(["kopitiam", "tidewell"], { fetchExport: async (company) => csv(company), directory, report: (error) => reported.push(error) });
    assert.deepEqual(reported, []);
    assert.deepEqual(results, { kopitiam: { created: 2, updated: 0, errors: 0 }, tidewell: { created: 2, updated: 0, errors: 0 } });
    assert.equal(directory.people.size, 4);
  });
});
