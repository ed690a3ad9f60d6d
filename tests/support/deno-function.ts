import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

// Serves one of supabase/functions under the real Deno binary from the npm `deno` package.

export const DENO_BIN = join(process.cwd(), "node_modules", ".bin", "deno");

export interface ServedFunction {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export async function serveFunction(name: string, env: Record<string, string>): Promise<ServedFunction> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    DENO_BIN,
    ["run", "--config", "deno.json", "--allow-net", "--allow-env", "--allow-read", "--allow-sys", `supabase/functions/${name}/index.ts`],
    { env: { ...process.env, ...env, PORT: String(port), NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`deno exited with ${child.exitCode}:\n${output}`);
    if (/Listening on/.test(output)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`deno did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
