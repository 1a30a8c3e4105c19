// Command-line arguments of the benchmarks: `--name value` flags and the n8n lines to run.
import { type Line, selectedLines } from '../../test/rig/paths';

/** The value after `--name`, or undefined when the flag is absent. */
export function argValue(name: string, argv: string[] = process.argv): string | undefined {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
}

/** A comma-separated flag as a list (`--settings a,b`), or undefined when absent. */
export function argList(name: string, argv: string[] = process.argv): string[] | undefined {
	const raw = argValue(name, argv);
	return raw === undefined
		? undefined
		: raw
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
}

/**
 * The lines to benchmark: `--lines 1,2` when given, else the rig's own choice (env N8N_LINES,
 * default both), read by test/rig/paths.ts's selectedLines().
 */
export function benchLines(argv: string[] = process.argv): Line[] {
	const given = argValue('lines', argv);
	if (given !== undefined) process.env.N8N_LINES = given; // the n8n rig drops N8N_* from its children
	return selectedLines();
}
