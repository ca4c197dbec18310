/**
 * Command-line flags of the benchmarks: `--name value` or `--name=value`, typed by the
 * default each flag has (number, string or boolean; `--flag` alone sets a boolean).
 * `--help` prints the flags with their defaults and exits.
 */
export type FlagValues = Record<string, number | string | boolean>;

export function parseFlags<T extends FlagValues>(
  usage: string,
  defaults: T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  const values: FlagValues = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      console.log(usage);
      for (const [name, value] of Object.entries(defaults))
        console.log(`  --${name} (default ${String(value)})`);
      process.exit(0);
    }
    if (!arg.startsWith("--"))
      throw new Error(`unexpected argument "${arg}" (flags look like --visitors 1000)`);
    const [rawName, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (!(rawName in defaults)) throw new Error(`unknown flag --${rawName}; --help lists them`);
    const kind = typeof defaults[rawName];
    let text = inline;
    if (text === undefined) {
      if (kind === "boolean" && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("--"))) text = "true";
      else text = argv[++i];
    }
    if (text === undefined) throw new Error(`--${rawName} needs a value`);
    if (kind === "number") {
      const number = Number(text);
      if (!Number.isFinite(number)) throw new Error(`--${rawName} must be a number, not "${text}"`);
      values[rawName] = number;
    } else if (kind === "boolean") {
      values[rawName] = text !== "false" && text !== "0";
    } else {
      values[rawName] = text;
    }
  }
  return values as T;
}
