import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Directory, importRoster } from "../src/index";

// Rows added by hand at the end of an export sometimes stop after the name.
describe("a roster row that ends before the email column", () => {
  it("is reported as a row error and the other rows are imported", () => {
    const csv = [
      "employee_id,first_name,last_name,email,department,manager_email",
      "HAR-1200,Mei,Tan,mei.tan@harbourline.crewbase.io,Operations,",
      "HAR-1201,Wei,Koh,wei.koh@harbourline.crewbase.io,Finance,mei.tan@harbourline.crewbase.io",
      "HAR-1305,Siti,Rahman",
    ].join("\n");
    const directory = new Directory();
    const report = importRoster(csv, directory, { allowedDomains: ["harbourline.crewbase.io"], onProgress: () => {} });
    assert.equal(report.created, 2);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].line, 4);
    assert.equal(typeof report.errors[0].message, "string");
    assert.deepEqual([...directory.people.keys()], ["mei.tan@harbourline.crewbase.io", "wei.koh@harbourline.crewbase.io"]);
  });
});
