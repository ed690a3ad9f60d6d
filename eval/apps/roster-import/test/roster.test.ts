import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Directory, importRoster, parseCsv, processUpload } from "../src/index";

const CSV = [
  "employee_id,first_name,last_name,email,department,manager_email",
  "E-1001,Ana,Souza,Ana.Souza@crewbase.io,Engineering,",
  'E-1002,"Jean-Luc","D\'Arcy",jl.darcy@crewbase.io,"Sales, EMEA",ana.souza@crewbase.io',
  "E-1003,Tim,Berg,tim@gmail.com,Support,",
].join("\r\n");

describe("parseCsv", () => {
  it("handles quotes, commas in fields and CRLF", () => {
    assert.deepEqual(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n'), [["a", "b,c", 'd "e"'], ["1", "2", "3"]]);
  });
});

describe("importRoster", () => {
  it("creates people, normalises emails and rejects private addresses", () => {
    const directory = new Directory();
    const progress: number[] = [];
    const report = importRoster(CSV, directory, { onProgress: (done) => progress.push(done) });
    assert.deepEqual(report, { created: 2, updated: 0, errors: [{ line: 4, message: "email tim@gmail.com is not a work address" }] });
    assert.equal(directory.people.get("jl.darcy@crewbase.io")?.department, "Sales, EMEA");
    assert.equal(directory.people.get("jl.darcy@crewbase.io")?.managerEmail, "ana.souza@crewbase.io");
    assert.deepEqual(progress, [1, 2, 3]);
  });

  it("updates people who are already in the directory", () => {
    const directory = new Directory();
    importRoster(CSV, directory, { onProgress: () => {} });
    const report = importRoster(CSV, directory, { onProgress: () => {} });
    assert.equal(report.updated, 2);
  });

  it("refuses a file without the required columns", () => {
    const report = importRoster("id,name\n1,Ana", new Directory(), { onProgress: () => {} });
    assert.deepEqual(report.errors, [{ line: 1, message: "missing columns: employee_id, first_name, last_name, email, department" }]);
  });
});

describe("processUpload", () => {
  it("reports progress in percent", () => {
    const seen: number[] = [];
    processUpload(CSV, new Directory(), (percent) => seen.push(percent));
    assert.deepEqual(seen, [33, 67, 100]);
  });
});
