/**
 * The README's identity-hash examples, run as written: the Node one (and the Python one
 * when python3 is installed, the PHP one when php is) must produce exactly the hash the
 * Worker accepts, over a set of users that touches every rule of the signed message.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { has, readmeBlock } from "../../readme-examples";
import { visitorUserSchema, type VisitorUser } from "../../../../protocol/session";
import { hashMatches } from "../../../../core/identity/check-identity";

const SECRET = "readme-secret-0123456789abcdef0123456789";

const users: (VisitorUser & { id: string })[] = [
  { id: "42" },
  { id: "42", attributes: {} },
  { id: "u-7", name: "Ana García", email: "ana@example.com" },
  { id: "42", attributes: { vip: true, plan: "pro", seats: 12, revenue: -3, trial: false } },
  { id: "x", attributes: { vip: "true", n: "5", path: 'a/b\\c "q"', city: "Société 東京 😀" } },
  { id: "9", name: "O'Brien", attributes: { B: 1, a: 2, _z: 3, "1": 4, "a-b": 5, a_b: 6 } },
];

const example = (language: string) => readmeBlock("## Identity verification", "## Security", language);

async function expectAccepted(hashes: string[]): Promise<void> {
  expect(hashes).toHaveLength(users.length);
  for (const [i, user] of users.entries()) {
    expect(visitorUserSchema.safeParse({ ...user, hash: hashes[i] }).success).toBe(true);
    expect(await hashMatches(user, hashes[i]!, [SECRET]), JSON.stringify(user)).toBe(true);
  }
}

const dir = mkdtempSync(join(tmpdir(), "identity-readme-"));

describe("README identity examples", () => {
  it("Node: chatIdentityHash gives the hash the Worker accepts", async () => {
    const file = join(dir, "identity.mjs");
    writeFileSync(file, example("js"));
    const { chatIdentityHash } = (await import(pathToFileURL(file).href)) as {
      chatIdentityHash: (secret: string, user: unknown) => string;
    };
    await expectAccepted(users.map((user) => chatIdentityHash(SECRET, user)));
  });

  it.runIf(has("python3"))("Python: chat_identity_hash gives the hash the Worker accepts", async () => {
    const file = join(dir, "identity.py");
    writeFileSync(
      file,
      `${example("python")}\nimport sys\nfor user in json.loads(sys.stdin.read()):\n    print(chat_identity_hash(${JSON.stringify(SECRET)}, user))\n`,
    );
    const output = execFileSync("python3", [file], { input: JSON.stringify(users), encoding: "utf8" });
    await expectAccepted(output.trim().split("\n"));
  });

  it.runIf(has("php"))("PHP: chat_identity_hash gives the hash the Worker accepts", async () => {
    const file = join(dir, "identity.php");
    writeFileSync(
      file,
      `${example("php")}\nforeach (json_decode(stream_get_contents(STDIN), true) as $user) echo chat_identity_hash(${JSON.stringify(SECRET)}, $user), "\\n";\n`,
    );
    const output = execFileSync("php", [file], { input: JSON.stringify(users), encoding: "utf8" });
    await expectAccepted(output.trim().split("\n"));
  });
});
