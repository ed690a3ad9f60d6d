// POSIX path arithmetic for repo-relative paths. Hand-written so src/ stays runtime-agnostic
// and never resolves against a process working directory.

export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The file name without its last extension (`format.test.ts` → `format.test`). */
export function stemOf(path: string): string {
  const base = basenameOf(path);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? base : base.slice(0, dot);
}

export function extensionOf(path: string): string {
  const base = basenameOf(path);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot);
}

/** Join and normalize; null when the result climbs above the repo root. */
export function joinRepoPath(dir: string, relative: string): string | null {
  const parts: string[] = [];
  for (const part of `${dir}/${relative}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join("/");
}

/** A relative module specifier from a directory to a file: always starts with ./ or ../ */
export function relativeSpecifier(fromDir: string, to: string): string {
  const from = fromDir === "" ? [] : fromDir.split("/");
  const target = to.split("/");
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common += 1;
  const ups = from.length - common;
  const rest = target.slice(common).join("/");
  return ups === 0 ? `./${rest}` : `${"../".repeat(ups)}${rest}`;
}

/** Directory hops between two directories: how far apart two files live. */
export function directoryDistance(a: string, b: string): number {
  const left = a === "" ? [] : a.split("/");
  const right = b === "" ? [] : b.split("/");
  let common = 0;
  while (common < left.length && common < right.length && left[common] === right[common]) common += 1;
  return left.length - common + (right.length - common);
}
