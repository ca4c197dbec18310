/**
 * Global setup of the worker tests: a real HTTP receiver on 127.0.0.1 (Node, outside
 * workerd) that the TeamDO's webhook deliveries reach over the loopback, as a site's
 * backend would. Each test uses its own key: `POST /_script/KEY` sets the answers to give
 * (an HTTP status per request, the last repeated; 0 answers nothing, for timeouts),
 * `POST /hook/KEY` is the endpoint, `GET /_log/KEY` lists what arrived (headers and raw body).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logs = new Map<string, Received[]>();
  const scripts = new Map<string, number[]>();
  const server = createServer((request, response) => {
    void (async () => {
      const [, kind, key = ""] = (request.url ?? "").split("?")[0]!.split("/");
      const body = await readBody(request);
      if (kind === "_script") {
        scripts.set(key, JSON.parse(body) as number[]);
        return response.end("{}");
      }
      if (kind === "_log") {
        response.setHeader("content-type", "application/json");
        return response.end(JSON.stringify(logs.get(key) ?? []));
      }
      if (kind !== "hook") return response.writeHead(404).end();
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      logs.set(key, [...(logs.get(key) ?? []), { headers, body, at: Date.now() }]);
      const script = scripts.get(key) ?? [200];
      const status = script.length > 1 ? script.shift()! : script[0]!;
      if (status === 0) return; // no answer: the sender's timeout decides
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("webhookReceiver", `http://127.0.0.1:${port}`);
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
