/** What the figures were measured on: CPU, cores, memory, Node, and how busy the machine was. */
import { cpus, loadavg, totalmem } from "node:os";

export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? "unknown CPU";
  const memory = (totalmem() / 2 ** 30).toFixed(0);
  return `${cores.length} vCPU (${model}), ${memory} GiB RAM, Node ${process.version}, load average ${loadLine()}`;
}

export function loadLine(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
}
