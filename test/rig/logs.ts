// What the suites read of the logs: the emulator's request log after a mark, and on a failure
// n8n's log tail with the emulator's logs, redacted.
import { test } from 'node:test';
import type { Emulator, RequestLogEntry } from '../emulator';
import type { ExecutionCounter } from './executions';
import type { N8nInstance } from './n8n';
import type { Line } from './paths';
import type { Secrets } from './secrets';

/** The emulator's request log after a mark (`mark()` returns the last seq). */
export function requestsSince(
	emu: Emulator,
	seq: number,
	filter: { method?: string; path?: string } = {},
): RequestLogEntry[] {
	return emu.requests(filter).filter((r) => r.seq > seq);
}
export function mark(emu: Emulator): number {
	return emu.requests().at(-1)?.seq ?? 0;
}

/** The last `lines` lines of n8n's log, without its migration lines. */
export function logTail(n8n: N8nInstance, lines: number): string {
	return n8n
		.readLog()
		.split('\n')
		.filter((l) => !/^(Starting|Finished) migration/.test(l))
		.slice(-lines)
		.join('\n');
}

/** n8n's log tail and the emulator's request and delivery logs, redacted. */
export function diagnostics(
	n8n: N8nInstance | undefined,
	emu: Emulator | undefined,
	secrets: Secrets,
): string {
	const parts: string[] = [];
	if (n8n)
		parts.push(
			`--- n8n ${n8n.version} log (last 80 lines, ${n8n.logFile}) ---\n${logTail(n8n, 80)}`,
		);
	if (emu) {
		const reqs = emu
			.requests()
			.slice(-40)
			.map((r) => {
				const q = new URLSearchParams(r.query).toString();
				const body = r.body === undefined ? '' : ` ${JSON.stringify(r.body).slice(0, 300)}`;
				return `#${r.seq} ${r.method} ${r.path}${q ? `?${q}` : ''} -> ${r.status ?? 'dropped'} key:${r.apiKeyValid ? 'valid' : r.apiKeyPresent ? 'WRONG' : 'missing'}${body}`;
			});
		parts.push(`--- emulator requests (last 40) ---\n${reqs.join('\n')}`);
		const dels = emu
			.deliveries()
			.slice(-20)
			.map(
				(d) =>
					`#${d.seq} POST ${d.url} (${d.eventCount} events, attempt ${d.attempt}) -> ${d.status ?? d.error} ${d.responseBody ?? ''}`,
			);
		parts.push(`--- emulator deliveries (last 20) ---\n${dels.join('\n')}`);
		parts.push(
			`--- emulator subscriptions ---\n${emu
				.subscriptions()
				.map((s) => `${s.id} ${s.triggerName} ${s.campaignId} ${s.hookUrl}`)
				.join('\n')}`,
		);
	}
	return secrets.redact(parts.join('\n'));
}

/**
 * The suite's `step`: a test whose failure first adds the tokens the emulator holds to the
 * secrets and resyncs the execution counter (so one failure does not fail the counts of the next
 * tests), then prints n8n's log tail and the emulator's logs (redacted). `state` reads the
 * suite's emulator, n8n and counter as they are when a test fails.
 */
export function diagnosedStep(
	line: Line,
	secrets: Secrets,
	state: () => { emu?: Emulator; n8n?: N8nInstance; counter?: ExecutionCounter },
): (name: string, fn: () => Promise<void>) => Promise<void> {
	return (name, fn) =>
		test(name, async () => {
			try {
				await fn();
			} catch (error) {
				const { emu, n8n, counter } = state();
				if (emu) secrets.addTokensOf(emu);
				await counter?.resync().catch(() => undefined);
				console.error(`\n# n8n ${line}.x: "${name}" failed\n${diagnostics(n8n, emu, secrets)}`);
				throw error;
			}
		});
}
