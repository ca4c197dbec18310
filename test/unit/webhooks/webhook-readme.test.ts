/**
 * The README's webhook receiver examples, run as written: the Node one (with the
 * `standardwebhooks` package) and the Python one (standard library only, when python3 is
 * installed) accept a body signed as the TeamDO signs it, and refuse it once tampered with.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { has, readmeBlock } from "../readme-examples";

const SECRET = `whsec_${Buffer.from("readme-webhook-secret-0123456789ab").toString("base64")}`;
const body = JSON.stringify({
  type: "message.created",
  timestamp: "2026-12-02T10:00:00.000Z",
  data: { conversationId: "c_1", message: { from: "visitor", text: "¿Dónde está mi pedido? 📦" } },
});

function signed(rawBody: string): Record<string, string> {
  const id = "msg_readme";
  const at = new Date();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(SECRET).sign(id, at, rawBody),
  };
}

const example = (language: string) => readmeBlock("## Webhooks", "### Recipe", language);

// Inside the checkout, so the example's `import "standardwebhooks"` resolves.
const dir = join(__dirname, "../../../node_modules/.cache/webhook-readme");
mkdirSync(dir, { recursive: true });

describe("README webhook receivers", () => {
  it("Node: verifyChatWebhook accepts a signed body and refuses a tampered one", async () => {
    const file = join(dir, "receiver.mjs");
    writeFileSync(file, example("js"));
    const { verifyChatWebhook } = (await import(pathToFileURL(file).href)) as {
      verifyChatWebhook: (secret: string, headers: Record<string, string>, raw: string) => unknown;
    };
    const headers = signed(body);
    expect(verifyChatWebhook(SECRET, headers, body)).toEqual(JSON.parse(body));
    expect(() => verifyChatWebhook(SECRET, headers, body.replace("pedido", "dinero"))).toThrow();
  });

  it.runIf(has("python3"))(
    "Python: verify_chat_webhook accepts a signed body and refuses a tampered one",
    () => {
      const file = join(dir, "receiver.py");
      writeFileSync(
        file,
        `${example("python")}
import sys
case = json.loads(sys.stdin.read())
try:
    print(json.dumps(verify_chat_webhook(${JSON.stringify(SECRET)}, case["headers"], case["body"].encode())))
except ValueError as error:
    print("refused: " + str(error))
`,
      );
      const run = (raw: string, headers: Record<string, string>) =>
        execFileSync("python3", [file], {
          input: JSON.stringify({ headers, body: raw }),
          encoding: "utf8",
        }).trim();
      const headers = signed(body);
      expect(JSON.parse(run(body, headers))).toEqual(JSON.parse(body));
      expect(run(body.replace("pedido", "dinero"), headers)).toBe("refused: no valid signature");
      const stale = { ...headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000) - 3600) };
      expect(run(body, stale)).toMatch(/^refused: timestamp/);
    },
  );
});
