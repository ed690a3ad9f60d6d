import { spawn, type ChildProcess } from "node:child_process";
import nodeProcess from "node:process";
import {
  CommandSpawnError,
  type CommandOptions,
  type CommandResult,
  type CommandRunner,
} from "../core/command-runner.ts";

// The CommandRunner for Node (and Deno's node: compatibility layer). Never uses a shell: callers
// that run a user's command string pass it to `sh -c` themselves, so git arguments (paths, refs)
// are never shell-parsed.

const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
/** After SIGTERM on timeout, how long a process group gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/**
 * After the direct child exits, how long to wait for its pipes to close. A test command that
 * leaves a background server running keeps them open forever; that group is then killed.
 */
const PIPE_DRAIN_MS = 1_000;

export function createNodeCommandRunner(): CommandRunner {
  return { run: runCommand };
}

function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now();
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: buildEnv(options.env, options.unsetEnv),
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
        // Its own process group, so a timeout kills `sh -c` and everything it started.
        detached: true,
        windowsHide: true,
      });
    } catch (error) {
      reject(new CommandSpawnError(command, `could not start ${command}: ${describe(error)}`, { cause: error }));
      return;
    }

    const stdout = createTailBuffer(maxBytes);
    const stderr = createTailBuffer(maxBytes);
    child.stdout?.on("data", (chunk: Uint8Array) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Uint8Array) => stderr.push(chunk));

    let settled = false;
    let timedOut = false;
    let exitCode: number | null = null;
    const timers: ReturnType<typeof setTimeout>[] = [];

    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: timedOut ? null : exitCode,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        durationMs: Math.round(performance.now() - started),
        truncated: stdout.truncated() || stderr.truncated(),
      });
    };

    if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          killGroup(child, "SIGTERM");
          timers.push(
            setTimeout(() => {
              killGroup(child, "SIGKILL");
              finish();
            }, KILL_GRACE_MS),
          );
        }, options.timeoutMs),
      );
    }

    child.on("error", (error) => {
      if (settled) return;
      // No pid means the program never started; anything else surfaces through exit/close.
      if (child.pid !== undefined) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      reject(new CommandSpawnError(command, `could not start ${command} in ${options.cwd}: ${describe(error)}`, { cause: error }));
    });
    child.on("exit", (code) => {
      exitCode = code;
      timers.push(
        setTimeout(() => {
          killGroup(child, "SIGKILL");
          finish();
        }, PIPE_DRAIN_MS),
      );
    });
    child.on("close", (code) => {
      exitCode = code;
      finish();
    });

    if (options.input !== undefined && child.stdin) {
      // The child may exit without reading its input; that is its business, not an error here.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input);
    }
  });
}

function buildEnv(
  extra: Record<string, string> | undefined,
  unset: string[] | undefined,
): Record<string, string | undefined> | undefined {
  if (extra === undefined && (unset === undefined || unset.length === 0)) return undefined;
  const env: Record<string, string | undefined> = { ...nodeProcess.env, ...extra };
  for (const name of unset ?? []) delete env[name];
  return env;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    nodeProcess.kill(-child.pid, signal);
  } catch {
    // The group is gone already, or the runtime cannot signal groups (Deno): signal the child.
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
  }
}

interface TailBuffer {
  push(chunk: Uint8Array): void;
  text(): string;
  truncated(): boolean;
}

/** Keeps the last `maxBytes` of a stream: the end of a test run is where the failure is. */
function createTailBuffer(maxBytes: number): TailBuffer {
  // Uint8Array and TextDecoder rather than Buffer: Deno has no global Buffer.
  const chunks: Uint8Array[] = [];
  let size = 0;
  let dropped = false;
  return {
    push(chunk) {
      chunks.push(chunk);
      size += chunk.length;
      while (size > maxBytes && chunks.length > 0) {
        const first = chunks[0];
        const excess = size - maxBytes;
        if (first.length <= excess) {
          chunks.shift();
          size -= first.length;
        } else {
          chunks[0] = first.subarray(excess);
          size -= excess;
        }
        dropped = true;
      }
    },
    text() {
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      const text = new TextDecoder().decode(bytes);
      // A cut in the middle of a multi-byte character decodes as U+FFFD; drop it.
      return dropped ? text.replace(/^\uFFFD+/, "") : text;
    },
    truncated() {
      return dropped;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
