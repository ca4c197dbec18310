/**
 * A V8 CPU profile of the runtime (the Worker and its Durable Objects in workerd), taken
 * through the inspector port wrangler dev opens, and summarized as the functions with the
 * most self time. This is how the benchmark finds what is hot inside the objects.
 */
import WebSocket from "ws";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export class CpuProfiler {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  static async attach(inspectorPort: number): Promise<CpuProfiler> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
      webSocketDebuggerUrl?: string;
      title?: string;
    }[];
    const target = targets.find((t) => t.webSocketDebuggerUrl && !/proxy/i.test(t.title ?? ""));
    if (!target?.webSocketDebuggerUrl)
      throw new Error(`no inspector target on port ${inspectorPort}: ${JSON.stringify(targets)}`);
    const profiler = new CpuProfiler();
    profiler.ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      profiler.ws!.once("open", () => resolve());
      profiler.ws!.once("error", reject);
    });
    profiler.ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) profiler.waiting.get(message.id)?.(message.result);
    });
    return profiler;
  }

  private call(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws!.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(): Promise<void> {
    await this.call("Profiler.enable");
    await this.call("Profiler.setSamplingInterval", { interval: 200 });
    await this.call("Profiler.start");
  }

  async stop(): Promise<Profile> {
    const result = (await this.call("Profiler.stop")) as { profile: Profile };
    this.ws?.close();
    return result.profile;
  }
}

/**
 * Self and total share of the samples per function, largest first, as lines of text. Counted
 * in samples, not in time deltas: workerd releases the isolate between events and the
 * sampler does not run then, so the first sample after a pause carries the whole pause.
 */
export function summarizeProfile(profile: Profile, top = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) =>
    `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.replace(/^.*\//, "") || "(native)"}:${node.callFrame.lineNumber + 1}`;
  const idle = /^\((idle|root)\)/;
  const selfHits = new Map<string, number>();
  const totalHits = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples ?? []) {
    const node = byId.get(id)!;
    const name = label(node);
    if (idle.test(name)) continue;
    busy++;
    selfHits.set(name, (selfHits.get(name) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = label(byId.get(at)!);
      if (seen.has(frame) || idle.test(frame)) continue;
      seen.add(frame);
      totalHits.set(frame, (totalHits.get(frame) ?? 0) + 1);
    }
  }
  const pct = (hits: number) => `${((hits / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `profile: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${busy} samples with the isolate running (shares below are of those)`,
  ];
  lines.push("self samples by function:");
  for (const [name, hits] of [...selfHits].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(hits)}  ${name}`);
  lines.push("total samples by function (itself and what it calls):");
  for (const [name, hits] of [...totalHits]
    .filter(([name]) => !/^\(program|garbage/.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(hits)}  ${name}`);
  return lines;
}
