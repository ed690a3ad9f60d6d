// A stack frame as every stage after ingest sees it: parsed, capped and mapped to the repository.

/** One stack frame, repo-relative where the deploy path could be mapped. */
export interface StackFrame {
  /** Repo-relative path when known (`src/routes/users.ts`), else the raw filename. */
  file: string;
  function: string | null;
  line: number | null;
  column: number | null;
  /** Application code: not node_modules, not runtime internals. */
  inApp: boolean;
}
