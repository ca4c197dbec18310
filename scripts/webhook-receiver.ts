/**
 * `npm run webhooks:receive -- [--site demo] [--port 8790] [--url http://127.0.0.1:8787]`:
 * a local webhook receiver for trying the events out. It listens on 127.0.0.1, registers
 * itself as the endpoint `local-receiver` of the site (with a fresh secret, through the admin
 * API of a running server: `npm start` in another terminal), and prints every event it gets
 * after checking its Standard Webhooks signature with the `standardwebhooks` package.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";
import { ensureDevVars } from "./lib/dev-vars";

function flag(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

const site = flag("site", "demo");
const port = Number(flag("port", "8790"));
const server = flag("url", process.env.CHAT_URL ?? "http://127.0.0.1:8787");
const secret = `whsec_${randomBytes(32).toString("base64")}`;
const verifier = new Webhook(secret);

const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    try {
      const event = verifier.verify(body, headers) as { type: string; timestamp: string; data: unknown };
      console.log(`\n✔ ${event.type}  ${event.timestamp}  webhook-id ${headers["webhook-id"]}`);
      console.log(JSON.stringify(event.data, null, 2));
      response.writeHead(204).end();
    } catch (error) {
      console.log(`\n✘ refused a request with a bad signature: ${String(error)}`);
      response.writeHead(401).end();
    }
  });
});

receiver.listen(port, "127.0.0.1", async () => {
  const url = `http://127.0.0.1:${port}/webhooks`;
  const token = process.env.ADMIN_TOKEN ?? ensureDevVars().ADMIN_TOKEN ?? "";
  const answer = await fetch(`${server}/v1/admin/sites/${site}/webhooks/local-receiver`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ url, secret, replyMissedMinutes: 1 }),
  }).catch((error: unknown) => error);
  if (!(answer instanceof Response) || !answer.ok) {
    const why = answer instanceof Response ? `${answer.status} ${await answer.text()}` : String(answer);
    console.error(`could not register the endpoint with ${server} (is \`npm start\` running?): ${why}`);
    process.exit(1);
  }
  console.log(`listening on ${url}; registered as endpoint "local-receiver" of site "${site}".`);
  console.log(
    "Chat on the demo page: every event is printed here (reply.missed after 1 minute). Ctrl-C to stop.",
  );
});
