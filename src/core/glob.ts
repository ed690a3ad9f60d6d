// Glob matching for repo-relative paths.

/**
 * Does a repo-relative path match a glob? `**` matches any number of segments, `*` any characters
 * within a segment, `?` one character; dotfiles match like any other name (`.env*` matches
 * `.env.local`). A glob without `/` matches a name at any depth (as in .gitignore), so
 * `package.json` also protects `apps/web/package.json`. Case-insensitive: on macOS and Windows
 * checkouts `Billing/` is `billing/`, and protecting too much only costs an auto-apply.
 * No regex is built from the glob.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const pathSegments = segmentsOf(path.toLowerCase());
  let globSegments = segmentsOf(glob.toLowerCase());
  if (globSegments.length === 0) return false;
  if (glob.endsWith("/")) globSegments = [...globSegments, "**"];
  if (globSegments.length === 1 && globSegments[0] !== "**") globSegments = ["**", globSegments[0], "**"];
  return matchSequence(pathSegments, globSegments);
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && s !== ".");
}

/** Greedy wildcard matching with backtracking to the last `**` (linear for one wildcard kind). */
function matchSequence(path: string[], glob: string[]): boolean {
  let pi = 0;
  let gi = 0;
  let starG = -1;
  let starP = 0;
  while (pi < path.length) {
    if (gi < glob.length && glob[gi] === "**") {
      starG = gi++;
      starP = pi;
      continue;
    }
    if (gi < glob.length && matchSegment(path[pi], glob[gi])) {
      pi++;
      gi++;
      continue;
    }
    if (starG < 0) return false;
    gi = starG + 1;
    pi = ++starP;
  }
  while (gi < glob.length && glob[gi] === "**") gi++;
  return gi === glob.length;
}

function matchSegment(name: string, pattern: string): boolean {
  let ni = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (ni < name.length) {
    const c = pattern[pi];
    if (pi < pattern.length && c === "*") {
      star = pi++;
      mark = ni;
      continue;
    }
    if (pi < pattern.length && (c === "?" || c === name[ni])) {
      pi++;
      ni++;
      continue;
    }
    if (star < 0) return false;
    pi = star + 1;
    ni = ++mark;
  }
  while (pi < pattern.length && pattern[pi] === "*") pi++;
  return pi === pattern.length;
}
