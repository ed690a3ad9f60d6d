// The part of a test run's output kept on the mission and fed to a retry: the end, where test
// runners print failures and summaries.

export const OUTPUT_TAIL_LINES = 60;
/** Bounds the record even when a runner prints a few enormous lines (minified stack traces). */
export const OUTPUT_TAIL_MAX_CHARS = 8_000;

export function outputTail(output: string, maxLines = OUTPUT_TAIL_LINES, maxChars = OUTPUT_TAIL_MAX_CHARS): string {
  const lines = stripAnsi(output)
    .replace(/\r\n?/g, "\n")
    .replace(/\s+$/, "")
    .split("\n");
  const tail = lines.slice(-maxLines).join("\n");
  return tail.length <= maxChars ? tail : tail.slice(tail.length - maxChars);
}

/** Colour and cursor escapes are noise in a stored record. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, "");
}
