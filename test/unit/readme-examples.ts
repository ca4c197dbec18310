/**
 * What the tests that run the README's code examples share: the example of a language in one
 * README section, and whether an interpreter (python3, php) is installed to run it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The first ```language block between the headings `from` and `to` of README.md. */
export function readmeBlock(from: string, to: string, language: string): string {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf(from), readme.indexOf(to));
  const block = section.match(new RegExp("```" + language + "\\n([\\s\\S]*?)```"))?.[1];
  if (!block) throw new Error(`no ${language} example in README "${from}"`);
  return block;
}

/** Whether `command --version` runs here. */
export function has(command: string): boolean {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
