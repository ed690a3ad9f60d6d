import { parseCsv } from "./csv";
import type { Directory } from "./directory";

export interface ImportOptions {
  /** Called after each row; the admin upload page shows a progress bar with it. */
  onProgress?: (done: number, total: number) => void;
  allowedDomains?: string[];
}

export interface ImportReport {
  created: number;
  updated: number;
  errors: Array<{ line: number; message: string }>;
}

const REQUIRED = ["employee_id", "first_name", "last_name", "email", "department"];

export function importRoster(csv: string, directory: Directory, options: ImportOptions = {}): ImportReport {
  const [header, ...rows] = parseCsv(csv);
  const report: ImportReport = { created: 0, updated: 0, errors: [] };
  const columns = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length) {
    report.errors.push({ line: 1, message: `missing columns: ${missing.join(", ")}` });
    return report;
  }
  const allowed = options.allowedDomains ?? ["crewbase.io"];

  rows.forEach((cells, index) => {
    const line = index + 2;
    const row = Object.fromEntries(columns.map((name, i) => [name, cells[i]]));
    const email = row.email.trim().toLowerCase();
    const domain = email.split("@")[1];
    if (!domain || !allowed.includes(domain)) {
      report.errors.push({ line, message: `email ${email || "(empty)"} is not a work address` });
    } else {
      const outcome = directory.upsert({
        employeeId: row.employee_id.trim(),
        name: `${row.first_name.trim()} ${row.last_name.trim()}`,
        email,
        department: row.department.trim(),
        managerEmail: row.manager_email?.trim().toLowerCase() || null,
      });
      report[outcome] += 1;
    }
    options.onProgress(index + 1, rows.length);
  });
  return report;
}
