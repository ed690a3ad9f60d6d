// Attacker-controlled text (error messages, URLs, request data, stack traces, source code and its
// comments, test output) reaches the model only inside <untrusted_data> blocks, which the system
// prompt declares to be evidence, never instructions. Text inside cannot close or open a block:
// every `<untrusted_data` / `</untrusted_data` it contains is escaped to `&lt;…`.

export const UNTRUSTED_TAG = "untrusted_data";

const TAG_PATTERN = /<(\s*\/?\s*untrusted_data)/gi;

export function escapeUntrusted(text: string): string {
  return text.replace(TAG_PATTERN, "&lt;$1");
}

/** One delimited block; `source` is our own label (sanitized anyway, it lands in an attribute). */
export function untrustedBlock(source: string, text: string): string {
  const label = source.replace(/[^\w./:@-]/g, "_").slice(0, 200);
  return `<${UNTRUSTED_TAG} source="${label}">\n${escapeUntrusted(text)}\n</${UNTRUSTED_TAG}>`;
}

/** Cap a text, marking the cut so the model does not take a prefix for the whole. */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [truncated ${text.length - max} characters]`;
}
