/**
 * The parent's handle on the flood process of `bench:abuse` (`abuse-floods.ts`, forked with
 * the same tsx loader as this process): `run` sends one round of a flood and resolves with
 * its line once the round is over.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { FloodAnswer, FloodCommand } from "./abuse-floods";

export class FloodProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: FloodAnswer) => void>();
  /** What the flood process's 503s said, last seen. */
  unavailable: string[] = [];
  /** CPU the flood process spent on the commands so far (ms). */
  cpuMs = 0;

  constructor(origin: string) {
    this.child = fork(fileURLToPath(new URL("./abuse-floods.ts", import.meta.url)), [], {
      env: { ...process.env, ABUSE_ORIGIN: origin },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (answer: FloodAnswer) => {
      this.unavailable = answer.unavailable;
      this.cpuMs += answer.cpuMs;
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
    this.child.on("exit", (code) => {
      for (const resolve of this.waiting.values())
        resolve({
          id: 0,
          error: `the flood process exited (${code})`,
          unavailable: this.unavailable,
          cpuMs: 0,
        });
      this.waiting.clear();
    });
  }

  async run(command: FloodCommand): Promise<string> {
    const id = this.nextId++;
    const answer = await new Promise<FloodAnswer>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, command });
    });
    if (answer.error !== undefined) throw new Error(`flood ${command.kind}: ${answer.error}`);
    return answer.note ?? "";
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.disconnect();
    await exited;
  }
}
