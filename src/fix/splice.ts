// Text edits at AST offsets. Patches are splices into the original text rather than a reprint of
// the AST, so every byte the fix does not touch (comments, blank lines, formatting) stays as it was.

export interface Splice {
  /** Offset of the first replaced character. */
  start: number;
  /** Offset after the last replaced character; equal to start for an insertion. */
  end: number;
  text: string;
}

export class SpliceOverlapError extends Error {
  readonly code = "SPLICE_OVERLAP";
  constructor(message: string) {
    super(message);
    this.name = "SpliceOverlapError";
  }
}

/** Apply non-overlapping splices given as offsets into the original source. */
export function applySplices(source: string, splices: readonly Splice[]): string {
  // Insertions at the same offset keep the order they were given in.
  const ordered = splices.map((splice, index) => ({ splice, index })).sort((a, b) => a.splice.start - b.splice.start || a.index - b.index);
  let out = "";
  let cursor = 0;
  for (const { splice } of ordered) {
    if (splice.start < cursor || splice.end < splice.start || splice.end > source.length) {
      throw new SpliceOverlapError(`splice ${splice.start}-${splice.end} overlaps another or lies outside the source; compute edits against the original text`);
    }
    out += source.slice(cursor, splice.start) + splice.text;
    cursor = splice.end;
  }
  return out + source.slice(cursor);
}
