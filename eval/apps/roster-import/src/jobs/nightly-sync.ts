import type { Directory } from "../directory";
import { importRoster } from "../roster";

export interface SyncDeps {
  /** Downloads the HR system's roster export for one company. */
  fetchExport(companyId: string): Promise<string>;
  directory: Directory;
  report(error: unknown, context: { companyId: string }): void;
}

// Runs at 02:00 for every company on the HR integration; one company failing does not stop the rest.
export async function runNightlySync(companyIds: string[], deps: SyncDeps) {
  const results: Record<string, { created: number; updated: number; errors: number } | "failed"> = {};
  for (const companyId of companyIds) {
    try {
      const csv = await deps.fetchExport(companyId);
      const report = importRoster(csv, deps.directory, { allowedDomains: [`${companyId}.crewbase.io`, "crewbase.io"] });
      results[companyId] = { created: report.created, updated: report.updated, errors: report.errors.length };
    } catch (error) {
      deps.report(error, { companyId });
      results[companyId] = "failed";
    }
  }
  return results;
}
