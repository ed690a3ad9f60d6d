// A line diff (Myers, O(ND) time): which lines a change adds and removes, numbered so a caller
// can point at them.

/** Myers' trace costs O(D²) memory; past this edit distance the changed middle counts as rewritten. */
const MAX_EDIT_DISTANCE = 1000;

/** Lines of a text; `\r\n` and `\n` alike, no phantom line after a final newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** One line of a diff, numbered (1-based) in the text it belongs to. */
export interface DiffLine {
  line: number;
  text: string;
}

export interface LineDiff {
  /** Numbered in `after`. */
  added: DiffLine[];
  /** Numbered in `before`. */
  removed: DiffLine[];
}

/** Lines added (numbered in `after`) and removed (numbered in `before`), 1-based. */
export function diffLines(before: string, after: string): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);

  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  const edits = myers(midA, midB);
  if (edits === null) {
    // Too different to diff cheaply: count the whole middle as rewritten (an over-count, so a
    // limit on changed lines errs on the strict side).
    midA.forEach((text, i) => removed.push({ line: prefix + i + 1, text }));
    midB.forEach((text, i) => added.push({ line: prefix + i + 1, text }));
    return { added, removed };
  }
  for (const edit of edits) {
    if (edit.kind === "add") added.push({ line: prefix + edit.index + 1, text: midB[edit.index] });
    else removed.push({ line: prefix + edit.index + 1, text: midA[edit.index] });
  }
  added.sort((x, y) => x.line - y.line);
  removed.sort((x, y) => x.line - y.line);
  return { added, removed };
}

type Edit = { kind: "add" | "remove"; index: number };

function myers(a: string[], b: string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((_, index) => ({ kind: "add" as const, index }));
  if (m === 0) return a.map((_, index) => ({ kind: "remove" as const, index }));

  // Compare small integers instead of strings in the inner loop.
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const ai = Int32Array.from(a, idOf);
  const bi = Int32Array.from(b, idOf);

  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && ai[x] === bi[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;

  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const at = (k: number) => vd[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) edits.push({ kind: "add", index: prevY });
    else edits.push({ kind: "remove", index: prevX });
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}
