// The results table of BENCHMARKS.md, from bench/results/*.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed result files
function read(name: string, quick: boolean): any {
	try {
		return JSON.parse(
			readFileSync(join(RESULTS_DIR, `${name}${quick ? '.quick' : ''}.json`), 'utf8'),
		);
	} catch {
		return undefined;
	}
}

const mark = (met: boolean) => (met ? 'met' : '**missed**');

export function summarize(quick = false): string {
	const rows: string[] = [
		'| benchmark | ours | baseline (same run) | ratio | target | |',
		'|---|---|---|---|---|---|',
	];
	const ingest = read('ingest', quick);
	for (const r of ingest?.results ?? []) {
		rows.push(
			`| 1. ingest, n8n ${r.n8n} | ${r.atlas.rps} req/s, p50 ${r.atlas.p50Ms} ms, p99 ${r.atlas.p99Ms} ms | Webhook node ${r.webhook.rps} req/s, p50 ${r.webhook.p50Ms} ms, p99 ${r.webhook.p99Ms} ms | ${r.ratio}x | >= 0.95x | ${mark(r.met)} |`,
		);
		rows.push(
			`| (diagnostic) same trigger, de-dup off | ${r.atlasNoDedupe.rps} req/s, p50 ${r.atlasNoDedupe.p50Ms} ms, p99 ${r.atlasNoDedupe.p99Ms} ms | Webhook node | ${r.atlasNoDedupe.ratio}x | | |`,
		);
	}
	const handler = read('handler', quick);
	for (const r of handler?.results ?? []) {
		rows.push(
			`| 2. handler, batch ${r.batch} (~${Math.round(r.eventBytes / 1000)} KB/event) | ${r.oursUsPerEvent} µs/event | JSON.parse ${r.baselineUsPerEvent} µs/event | ${r.ratio}x | <= 2x | ${mark(r.met)} |`,
		);
	}
	const activation = read('activation', quick);
	for (const r of activation?.results ?? []) {
		rows.push(
			`| 3. ${r.phase} ${r.subscriptions} subscriptions (${activation.latencyMs} ms latency) | ${r.oursMs} ms (our process CPU ${r.oursCpuMs} ms) | ${r.sequentialTrips} sequential round trips ${r.baselineMs} ms (${r.roundTripMs} ms each) | ${r.ratio}x | <= 1.5x | ${mark(r.met)} |`,
		);
	}
	const pkg = read('package', quick);
	if (pkg) {
		rows.push(
			`| 4. packed tarball | ${(pkg.size.tarballBytes / 1024).toFixed(1)} KiB (${(pkg.size.unpackedBytes / 1024).toFixed(1)} KiB unpacked) | empty package ${(pkg.size.emptyTarballBytes / 1024).toFixed(1)} KiB | | | |`,
		);
		for (const r of pkg.results) {
			rows.push(
				`| 4. load by n8n ${r.line}.x's loader | ${r.oursMs} ms | empty package ${r.emptyMs} ms | ${r.ratio}x (+${r.extraMs} ms) | (none set) | |`,
			);
		}
	}
	const action = read('action', quick);
	for (const r of action?.results ?? []) {
		for (const [mode, label] of [
			['sequential', 'one at a time'],
			['inFlight10', '10 in flight'],
		] as const) {
			const m = r[mode];
			// the fair baseline pays the same per-call isolates: under n8n 2.x's default engine
			// settings Webhook 1; on 1.x and under other settings Webhook 2.1 (the target's node)
			const defaults = (r.profile ?? 'defaults') === 'defaults';
			const fair = r.line === 2 && defaults ? 'webhook1' : 'webhook2';
			const other = fair === 'webhook1' ? 'webhook2' : 'webhook1';
			const ratio = fair === 'webhook1' ? m.vsWebhook1 : m.vsWebhook2;
			const otherRatio = other === 'webhook1' ? m.vsWebhook1 : m.vsWebhook2;
			const met = ratio.p50 <= 1.05 && ratio.p99 <= 1.05;
			const v = (name: string) => (name === 'webhook1' ? 'Webhook 1' : 'Webhook 2.1');
			rows.push(
				`| 5. action round trip, n8n ${r.n8n}${defaults ? '' : `, ${r.settings}`}, ${label} | p50 ${m.action.p50Ms} ms, p99 ${m.action.p99Ms} ms | ${v(fair)} p50 ${m[fair].p50Ms} ms, p99 ${m[fair].p99Ms} ms | p50 ${ratio.p50}x, p99 ${ratio.p99}x | <= 1.05x | ${mark(met)} |`,
				`| (reported) against ${v(other)} | | p50 ${m[other].p50Ms} ms, p99 ${m[other].p99Ms} ms | p50 ${otherRatio.p50}x, p99 ${otherRatio.p99}x | | |`,
			);
		}
	}
	const actionHandler = read('action-handler', quick);
	for (const r of actionHandler?.results ?? []) {
		rows.push(
			`| 5b. action handler, ${r.case} | ${r.oursUsPerCall} µs/call | Webhook node's path ${r.baselineUsPerCall} µs/call | ${r.ratio}x (rounds ${r.perRoundRatio.join('-')}) | (none set) | |`,
		);
	}
	return rows.join('\n') + '\n';
}
