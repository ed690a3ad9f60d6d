import type { StackFrame } from "../core/stack-frame.ts";

// The culprit is the frame nearest the throw that belongs to the application. Clients set
// `inApp` unreliably (SDK defaults, custom integrations), so the path decides what is certainly
// not application code; `inApp` only breaks ties among the rest.

const THIRD_PARTY_PATH = [
  /(^|[\\/])node_modules[\\/]/,
  /^node:/, // node:internal/..., node:events
  /^internal[\\/]/, // older Node prints internal/modules/... without the scheme
  /^ext:/, // Deno extensions: ext:core/01_core.js, ext:deno_http/00_serve.ts
  /^deno:/,
  /^(npm|jsr):/,
  /^https?:\/\//, // remote modules (deno.land, esm.sh) are never the repo's code
  /[\\/]\.deno[\\/]|[\\/]deno-dir[\\/]/, // Deno's module cache
  /[\\/]\.vite[\\/]deps[\\/]|^webpack[\\/]|^webpack-internal:\/\/\/\([^)]*\)\/\.\/node_modules[\\/]/,
];

const NOT_A_FILE = new Set(["", "<anonymous>", "native", "[native code]", "<unknown>", "unknown", "?"]);

/** True when the frame's path is certainly not the application's own source. */
export function isThirdPartyFrame(frame: StackFrame): boolean {
  const file = frame.file.trim();
  if (NOT_A_FILE.has(file)) return true;
  return THIRD_PARTY_PATH.some((pattern) => pattern.test(file));
}

/**
 * The application frame nearest the throw. Frames are oldest-first (Sentry order), so the search
 * runs from the end. A frame the client marked inApp wins; when the client marked none, the
 * nearest frame whose path is application code is taken.
 */
export function pickCulpritFrame(frames: StackFrame[]): StackFrame | null {
  let fallback: StackFrame | null = null;
  for (let index = frames.length - 1; index >= 0; index -= 1) {
    const frame = frames[index]!;
    if (isThirdPartyFrame(frame)) continue;
    if (frame.inApp) return frame;
    fallback ??= frame;
  }
  return fallback;
}

/** Frames exist but none is application code: nothing in the repo to patch. */
export function isThirdPartyOnly(frames: StackFrame[]): boolean {
  return frames.length > 0 && frames.every(isThirdPartyFrame);
}
