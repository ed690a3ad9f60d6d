// Reads a request body into memory without ever holding more than a cap: the declared length is
// checked first, then the stream is counted as it arrives (senders may stream without a length).

export class BodyTooLargeError extends Error {
  readonly code = "BODY_TOO_LARGE";
  constructor(readonly limit: number, readonly declared: number | null) {
    super(declared !== null ? `body is ${declared} bytes; the limit is ${limit}` : `body exceeds the limit of ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The declared Content-Length when it is over the limit; throws BodyTooLargeError. */
export function refuseDeclaredLength(request: Request, limit: number): void {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit, declared);
}

/** All bytes of a stream, or BodyTooLargeError as soon as they pass `limit` (the stream is cancelled). */
export async function readCappedStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit, null);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
