export { parseCsv } from "./csv";
export { Directory, type Person } from "./directory";
export { importRoster, type ImportOptions, type ImportReport } from "./roster";
export { processUpload } from "./admin-upload";
export { runNightlySync } from "./jobs/nightly-sync";
