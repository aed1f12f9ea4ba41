// Stand-in for jsr:@std/cli/parse-args (jsr is unreachable here): the runtime only passes `--name value` flags.
export function parseArgs(args: string[]): Record<string, unknown> {
	const parsed: Record<string, unknown> = { _: [] };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) {
			(parsed._ as string[]).push(arg);
			continue;
		}
		const [name, inlineValue] = arg.slice(2).split(/=(.*)/s);
		const value = inlineValue ?? (args[i + 1] !== undefined && !args[i + 1].startsWith('--') ? args[++i] : true);
		parsed[name] = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
	}
	return parsed;
}
