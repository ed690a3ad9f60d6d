// The port through which src/ starts processes (git, the repo's test and install commands). It
// keeps src/ runtime-agnostic: the Node/Deno implementation lives in src/adapters/node-command.ts,
// and tests may wrap it to observe what ran.

export interface CommandResult {
  /** null when the process was killed by a signal (for instance on timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  /** True when stdout or stderr exceeded the capture cap and only its end was kept. */
  truncated?: boolean;
}

export interface CommandOptions {
  cwd: string;
  /** Added to (and overriding) the inherited environment. */
  env?: Record<string, string>;
  /** Inherited variables to remove, e.g. GIT_DIR leaking in from a hook that started Suture. */
  unsetEnv?: string[];
  /** On expiry the whole process group is killed and `timedOut` is true. */
  timeoutMs?: number;
  /** Written to stdin, which is then closed; without it stdin is empty. */
  input?: string;
  /** Cap per stream; the last bytes are kept. Default 64 KiB (enough for a test run's tail). */
  maxOutputBytes?: number;
}

export interface CommandRunner {
  run(command: string, args: string[], options: CommandOptions): Promise<CommandResult>;
}

/** The program could not be started at all (missing binary, missing cwd). */
export class CommandSpawnError extends Error {
  readonly code = "SPAWN_FAILED";
  constructor(
    readonly command: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CommandSpawnError";
  }
}
