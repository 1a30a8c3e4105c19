// What the demo prints: steps, successes, notes, colours only on a terminal, and the friendly
// error (DemoError) that is printed with what to do instead of a stack trace.
import { homedir } from 'node:os';

/** An expected failure: printed as a friendly message with what to do, never as a stack trace. */
export class DemoError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

export const started = Date.now();
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tty = process.stdout.isTTY;
export const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
export const green = (s: string) => (tty ? `\x1b[32m${s}\x1b[39m` : s);
export const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);
export const red = (s: string) => (tty ? `\x1b[31m${s}\x1b[39m` : s);
export const home = (p: string) => p.replace(homedir(), '~');

export const step = (s: string) => console.log(`  ${dim('…')} ${s}`);
export const done = (s: string) => console.log(`  ${green('✓')} ${s}`);
export const note = (s: string) => console.log(`    ${dim(s)}`);
