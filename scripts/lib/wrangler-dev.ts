/**
 * Starts the real runtime (`wrangler dev`: workerd, Durable Objects, SQLite on disk) on a
 * loopback port and waits until it answers /health. Used by `npm start`, the e2e tests and
 * the benchmarks, so all three run the product exactly as a developer does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface DevServer {
  origin: string;
  port: number;
  /** The runtime's V8 inspector (CPU profiles of the Worker and its objects). */
  inspectorPort: number;
  process: ChildProcess;
  /** Everything wrangler printed, for diagnosing a failed start. */
  output(): string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port?: number;
  /** Another wrangler config than the repository's (the benchmarks run a frozen bundle). */
  configPath?: string;
  /**
   * The config's `main` is a finished bundle: run it as it is (`--no-bundle`), without the
   * esbuild service that would otherwise rebuild and watch it, polling, for the whole run
   * (7% of a core on a 2-core machine, beside a benchmark's runtime).
   */
  noBundle?: boolean;
  /** Where Durable Object storage lives; a fresh temp dir gives a clean slate. */
  persistTo?: string;
  /** Secrets and vars, passed with --var (they override .dev.vars). */
  vars?: Record<string, string>;
  /** Echo wrangler's output to this process's stdout. */
  echo?: boolean;
  startTimeoutMs?: number;
  /** wrangler's --log-level (default "warn"). */
  logLevel?: string;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  // An inspector port of its own, so several servers can run side by side. The OS may hand
  // out the port it just gave for the server again.
  let inspectorPort = await freePort();
  while (inspectorPort === port) inspectorPort = await freePort();
  const args = [
    "wrangler",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--show-interactive-dev-session=false",
    "--log-level",
    options.logLevel ?? "warn",
  ];
  if (options.configPath) args.push("--config", options.configPath);
  if (options.noBundle) args.push("--no-bundle");
  if (options.persistTo) args.push("--persist-to", options.persistTo);
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push("--var", `${key}:${value}`);
  args.push("--inspector-port", String(inspectorPort));
  const child = spawn("npx", args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      NO_UPDATE_NOTIFIER: "1",
      CI: process.env.CI ?? "1",
      // Never reach the internet: miniflare would otherwise fetch a real `Request.cf` object
      // from Cloudflare on every start (and print two stack traces when offline).
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      // Every caller has run `npm run build` already: wrangler.toml's [build] skips it.
      EDGECHAT_ASSETS_BUILT: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const origin = `http://127.0.0.1:${port}`;
  const server: DevServer = {
    origin,
    port,
    inspectorPort,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      try {
        process.kill(-child.pid!, "SIGTERM"); // the whole group: npx, wrangler and workerd
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${origin}/health`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`wrangler dev did not answer /health on ${origin} in time:\n${output}`);
}
