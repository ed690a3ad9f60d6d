// Logs are a static message plus a metadata object, so they group in any log viewer.

export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

/** JSON lines to a sink (console.error by default, keeping stdout free for command output). */
export function createJsonLogger(sink: LogSink = (line) => console.error(line), base: Record<string, unknown> = {}): Logger {
  function write(level: string, message: string, meta?: Record<string, unknown>) {
    sink(JSON.stringify({ level, message, ...base, ...meta, time: new Date().toISOString() }));
  }
  return {
    info: (message, meta) => write("info", message, meta),
    warn: (message, meta) => write("warn", message, meta),
    error: (message, meta) => write("error", message, meta),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
