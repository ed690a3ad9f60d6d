// A proposed change to one file of the repository, as whole contents before and after.
// Whole contents (not diffs) keep every consumer simple: the guard diffs them, the forge writes them.

export interface FileChange {
  /** Repo-relative POSIX path. */
  path: string;
  /** Contents before the change; null when the change creates the file. */
  before: string | null;
  /** Contents after the change; null when the change deletes the file. */
  after: string | null;
}
