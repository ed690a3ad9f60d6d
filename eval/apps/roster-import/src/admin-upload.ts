import type { Directory } from "./directory";
import { importRoster, type ImportReport } from "./roster";

// The admin console's "Upload roster" worker: streams progress to the browser over SSE.
export function processUpload(csv: string, directory: Directory, progress: (percent: number) => void, allowedDomains?: string[]): ImportReport {
  return importRoster(csv, directory, {
    allowedDomains,
    onProgress: (done, total) => progress(Math.round((done / total) * 100)),
  });
}
