/**
 * The product under test: `wrangler dev` (workerd, Durable Objects, SQLite on disk) on a free
 * loopback port with a fresh storage dir and its own secrets. It can be killed with SIGKILL
 * (the whole process group: npx, wrangler and both workerd processes) and started again on the
 * same port and the same storage dir, and it reports the memory and CPU of its processes.
 *
 * Frozen code: `wrangler dev` rebuilds and restarts the Worker whenever a source file changes,
 * dropping every socket ("Your worker restarted mid-request"), and other people edit this
 * checkout while a benchmark runs. So the Worker is bundled once at the start
 * (`wrangler deploy --dry-run --outdir`, the same bundle a deploy uploads) and `wrangler dev`
 * runs that bundle through a copy of wrangler.toml under the run's temp dir (`--config`), with
 * the same bindings, migrations and rate limit. It is started by the same
 * `scripts/lib/wrangler-dev.ts` as `npm start` and the e2e tests.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { repoRoot, startDevServer, type DevServer } from "../../scripts/lib/wrangler-dev";

const productDir = process.env.BENCH_PRODUCT_DIR ?? repoRoot;

/**
 * Bundles the Worker as it is now and writes a wrangler config that runs that bundle.
 * `config`: the wrangler config to bundle, relative to the product's directory.
 */
function freezeProduct(dir: string, config: string): string {
  const bundleDir = join(dir, "bundle");
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", bundleDir, "--config", config], {
    // BENCH_PRODUCT_DIR: bundle another copy of the product (to measure a change before making it).
    cwd: productDir,
    stdio: "pipe",
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      NO_UPDATE_NOTIFIER: "1",
      CI: "1",
      // Built assets are copied below as they are; wrangler.toml's [build] need not rebuild them.
      ...(existsSync(join(repoRoot, "dist/public")) ? { EDGECHAT_ASSETS_BUILT: "1" } : {}),
    },
  });
  const assetsDir = join(dir, "public");
  mkdirSync(assetsDir, { recursive: true });
  if (existsSync(join(repoRoot, "dist/public")))
    cpSync(join(repoRoot, "dist/public"), assetsDir, { recursive: true });
  const source = readFileSync(join(productDir, config), "utf8");
  // wrangler names the bundle after the entry module: worker/index.ts -> index.js.
  const entry = /^main = "(.*)"$/m.exec(source)?.[1] ?? "index.ts";
  const bundled = basename(entry).replace(/\.[cm]?[jt]s$/, ".js");
  const frozen = source
    // The bundle is built and the assets copied: the copy runs no [build] of its own.
    .replace(/^\[build\]\n(?:(?:command|watch_dir|cwd) = .*\n)*/m, "")
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(bundleDir, bundled))}`)
    .replace(/^directory = .*$/m, `directory = ${JSON.stringify(assetsDir)}`);
  const configPath = join(dir, "wrangler.toml");
  writeFileSync(configPath, frozen);
  return configPath;
}

export interface ProcessMemory {
  pid: number;
  /** "runtime" is the workerd that runs our Worker and objects; "proxy" is wrangler's own workerd in front of it. */
  role: "runtime" | "proxy" | "wrangler";
  rssMb: number;
}

export class BenchRuntime {
  /** `config`: the wrangler config to run (the product's; bench:load also runs bench/floor's). */
  constructor(private readonly config = "wrangler.toml") {}

  readonly dir = mkdtempSync(join(tmpdir(), "chat-bench-"));
  readonly persistTo = join(this.dir, "state");
  private configPath: string | null = null;
  readonly adminToken = randomBytes(16).toString("hex");
  readonly signingSecret = randomBytes(24).toString("hex");
  private server: DevServer | null = null;
  /** How many times wrangler dev was started (CPU counters restart with the processes). */
  starts = 0;
  private port: number | undefined;

  get origin(): string {
    if (!this.server) throw new Error("the runtime is not running");
    return this.server.origin;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Starts wrangler dev (again on the same port and storage after a kill). Returns the ms it took. */
  async start(): Promise<number> {
    this.configPath ??= freezeProduct(this.dir, this.config);
    const started = performance.now();
    this.server = await startDevServer({
      ...(this.port === undefined ? {} : { port: this.port }),
      persistTo: this.persistTo,
      configPath: this.configPath,
      noBundle: true,
      vars: { ADMIN_TOKEN: this.adminToken, SIGNING_SECRET: this.signingSecret },
      ...(process.env.BENCH_WRANGLER_LOG ? { logLevel: process.env.BENCH_WRANGLER_LOG } : {}),
    });
    this.port = this.server.port;
    this.starts++;
    return performance.now() - started;
  }

  /** SIGKILL to the whole process group, as a crash or an OOM kill would; waits for the exit. */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const child = server.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    // The group's other members (workerd) die with the same signal; wait until /proc agrees.
    for (let i = 0; i < 100 && groupPids(child.pid!).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The runtime workerd's own HTTP address, behind wrangler's proxy worker: the port of the
   * runtime process that answers /health with {"ok":true}. It changes with every start.
   */
  async directOrigin(): Promise<string> {
    const runtime = this.memory().find((process) => process.role === "runtime");
    if (!runtime) throw new Error("no runtime workerd process");
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${runtime.pid}/fd`)) {
      try {
        const link = readlinkSync(`/proc/${runtime.pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode) inodes.add(inode);
      } catch {
        // closed meanwhile
      }
    }
    const ports = readFileSync("/proc/net/tcp", "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === "0A" && inodes.has(fields[9] ?? ""))
      .map((fields) => parseInt(fields[1]!.split(":")[1]!, 16));
    for (const port of ports) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok && (await response.text()).includes('"ok":true')) return `http://127.0.0.1:${port}`;
      } catch {
        // not the HTTP entry
      }
    }
    throw new Error(`no port of the runtime workerd answers /health (listening: ${ports.join(", ")})`);
  }

  /** The inspector port wrangler dev was given (for CPU profiles of the runtime). */
  inspectorPort(): number {
    if (!this.server) throw new Error("the runtime is not running");
    return this.server.inspectorPort;
  }

  /** Resident memory of the processes of the group (Linux /proc). */
  memory(): ProcessMemory[] {
    const pid = this.server?.process.pid;
    if (pid === undefined) return [];
    return groupPids(pid).flatMap((member) => {
      try {
        const status = readFileSync(`/proc/${member}/status`, "utf8");
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const cmdline = readFileSync(`/proc/${member}/cmdline`, "utf8").split("\0");
        const isWorkerd = cmdline[0]?.endsWith("/workerd") ?? false;
        const role: ProcessMemory["role"] = !isWorkerd
          ? "wrangler"
          : cmdline.some((arg) => arg.startsWith("--inspector-addr"))
            ? "runtime"
            : "proxy";
        return [{ pid: member, role, rssMb: rssKb / 1024 }];
      } catch {
        return [];
      }
    });
  }

  /** RSS of the workerd that runs the product, in MB. */
  runtimeRssMb(): number {
    return this.memory()
      .filter((process) => process.role === "runtime")
      .reduce((sum, process) => sum + process.rssMb, 0);
  }

  /** Cumulative CPU seconds (user + system) per role, from /proc/PID/stat. */
  cpuSeconds(): Record<ProcessMemory["role"], number> {
    const totals = { runtime: 0, proxy: 0, wrangler: 0 };
    const ticks = 100; // USER_HZ on Linux
    for (const member of this.memory()) {
      try {
        const stat = readFileSync(`/proc/${member.pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        totals[member.role] += (Number(fields[11]) + Number(fields[12])) / ticks;
      } catch {
        // exited
      }
    }
    return totals;
  }
}

/** Pids whose process group is `pgid`. */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // A zombie (state Z) is dead, its sockets closed; only its parent's reaping is left,
      // which a container's first process may never do (then it lingers in /proc for good).
      if (Number(fields[2]) === pgid && fields[0] !== "Z") pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
