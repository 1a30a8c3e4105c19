// Benchmark 1: ingest through a real n8n, per line (1.123.50 on Node 20, 2.41.1 on Node 24).
//   node --import tsx bench/ingest.ts [--quick] [--lines 1,2]
// One n8n per line with two active workflows doing the same work after their trigger:
//   A  Atlas Trigger (Call Completed, All Campaigns, default options: de-duplication on) -> NoOp
//   B  n8n's built-in Webhook node (POST, Respond Immediately) -> NoOp
// undici (a Pool of CONCURRENCY connections per target) posts the same bodies to both: one
// realistic call_completed event per delivery (5-20 KB transcript, as the emulator makes them),
// every delivery with its own callId so de-duplication accepts all of them (checked: every
// Atlas answer must say accepted 1, duplicates 0). Before measuring, the de-dup record is
// filled to its cap (5,000 keys, 50 deliveries of 100 small events), the steady state of a busy
// trigger: every measured delivery then saves a full record. Rounds rotate the order of the
// targets so load from the rest of the machine hits all alike; requests/s is per round and the ratio is the
// median of the per-round ratios; latency p50/p99 pool every measured request. A third
// workflow, the same Atlas Trigger with Ignore Duplicates off, runs in the same rounds as a
// diagnostic of what the de-dup record costs.
import type { Line } from '../test/rig/paths';
import { EmulatorClient } from '../test/emulator';
import { benchLines } from './lib/args';
import { startTsChild } from './lib/child';
import {
	QUICK,
	bodyTemplates,
	fillBody,
	log,
	machine,
	median,
	percentile,
	round,
	writeResult,
	runMain,
} from './lib/common';
import { withBenchN8n } from './lib/n8n';
import { packWorkingTree } from './lib/pack';
import { type Target as BenchTarget, closeTargets, makeTarget, untilServed } from './lib/targets';

const CONCURRENCY = 8;
const ROUNDS = QUICK ? 2 : 10; // per target (rounds swing ±15 % on these machines: 10 for a steadier median)
const PER_ROUND = QUICK ? 30 : 80;
const WARMUP = QUICK ? 10 : 40;
const API_KEY = 'bench-key';
const DEDUPE_CAP = 5_000;

type TargetName = 'atlas' | 'webhook' | 'atlasNoDedupe';
type Target = BenchTarget<TargetName>;

let seq = 0;
const templates = bodyTemplates(50, 1, 11);

/** Posts `count` deliveries with at most CONCURRENCY in flight; answers latencies (ms) and the wall time. */
async function blast(
	target: Target,
	count: number,
): Promise<{ latencies: number[]; wallMs: number }> {
	const latencies: number[] = [];
	let next = 0;
	const { path } = target;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const body = fillBody(templates[(seq + i) % templates.length], `${target.name}${seq}_${i}`);
			const t = performance.now();
			const res = await target.pool.request({
				path,
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body,
			});
			const text = await res.body.text();
			latencies.push(performance.now() - t);
			if (res.statusCode !== 200)
				throw new Error(`${target.name} -> ${res.statusCode}: ${text.slice(0, 300)}`);
			if (target.name !== 'webhook') {
				const report = JSON.parse(text) as { accepted?: number; duplicates?: number };
				if (report.accepted !== 1 || report.duplicates !== 0)
					throw new Error(`atlas delivery not accepted once: ${text}`);
			}
		}
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	seq += count;
	return { latencies, wallMs: performance.now() - t0 };
}

/** Fills the de-dup record of an Atlas target to its cap with small events (100 per delivery). */
async function prefill(target: Target): Promise<void> {
	const { path } = target;
	for (let d = 0; d < DEDUPE_CAP / 100; d++) {
		const events = Array.from({ length: 100 }, (_, i) => ({
			callId: `prefill_${d}_${i}`,
			campaignId: 'cmp_sales',
			status: 'completed',
		}));
		const res = await target.pool.request({
			path,
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(events),
		});
		const report = (await res.body.json()) as { accepted?: number };
		if (report.accepted !== 100) throw new Error(`prefill: ${JSON.stringify(report)}`);
	}
}

async function benchLine(
	line: Line,
	tarball: string,
	emu: EmulatorClient,
): Promise<Record<string, unknown>> {
	return await withBenchN8n(line, tarball, {}, async ({ n8n, client }) => {
		const credential = await client.createCredential('Atlas bench', 'atlasApi', {
			apiKey: API_KEY,
			baseUrl: emu.baseUrl,
		});
		const noop = {
			name: 'NoOp',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		};
		const atlasWorkflow = async (name: string, options: Record<string, unknown>) =>
			await client.createWorkflow({
				name,
				nodes: [
					{
						name: 'Atlas Trigger',
						type: 'n8n-nodes-atlas.atlasTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: { events: ['call_completed'], campaignScope: 'all', options },
						credentials: { atlasApi: { id: credential.id, name: credential.name } },
					},
					noop,
				],
				connections: { 'Atlas Trigger': { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] } },
			});
		const atlasWf = await atlasWorkflow('bench atlas', {});
		// diagnostic only (not a target): the same trigger with Ignore Duplicates off, to show
		// what keeping the de-dup record in static data (one more database write per delivery) costs
		const plainWf = await atlasWorkflow('bench atlas no de-dup', { ignoreDuplicates: false });
		const webhookWf = await client.createWorkflow({
			name: 'bench webhook',
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					parameters: {
						httpMethod: 'POST',
						path: `bench-${line}`,
						responseMode: 'onReceived',
						options: {},
					},
				},
				noop,
			],
			connections: { Webhook: { main: [[{ node: 'NoOp', type: 'main', index: 0 }]] } },
		});
		for (const wf of [atlasWf, plainWf, webhookWf]) await client.activate(wf.id);
		const subs = await emu.waitForSubscriptions((s) => s.length >= 2, 60_000);
		const hookOf = (wf: { nodes: Array<{ webhookId?: string }> }) =>
			new URL(subs.find((s) => s.hookUrl.includes(`/${wf.nodes[0].webhookId}/`))!.hookUrl);
		const target = (name: TargetName, url: URL): Target => makeTarget(name, url, CONCURRENCY);
		const targets: Record<TargetName, Target> = {
			atlas: target('atlas', hookOf(atlasWf)),
			webhook: target('webhook', new URL(client.webhookUrl(webhookWf, 'Webhook'))),
			atlasNoDedupe: target('atlasNoDedupe', hookOf(plainWf)),
		};
		for (const t of Object.values(targets)) {
			await untilServed(() => blast(t, 1));
			await blast(t, WARMUP);
		}
		await prefill(targets.atlas);
		const rps: Record<string, number[]> = { atlas: [], webhook: [], atlasNoDedupe: [] };
		const lat: Record<string, number[]> = { atlas: [], webhook: [], atlasNoDedupe: [] };
		const ratios: number[] = [];
		const plainRatios: number[] = [];
		const ORDERS: TargetName[][] = [
			['atlas', 'webhook', 'atlasNoDedupe'],
			['webhook', 'atlasNoDedupe', 'atlas'],
			['atlasNoDedupe', 'atlas', 'webhook'],
		];
		for (let r = 0; r < ROUNDS; r++) {
			const order = ORDERS[r % ORDERS.length];
			const got: Record<string, number> = {};
			for (const name of order) {
				const { latencies, wallMs } = await blast(targets[name], PER_ROUND);
				got[name] = (PER_ROUND / wallMs) * 1000;
				rps[name].push(got[name]);
				lat[name].push(...latencies);
			}
			ratios.push(got.atlas / got.webhook);
			plainRatios.push(got.atlasNoDedupe / got.webhook);
			log(
				`  round ${r + 1}: atlas ${got.atlas.toFixed(1)} req/s, webhook ${got.webhook.toFixed(1)} req/s, ratio ${(got.atlas / got.webhook).toFixed(3)}; atlas without de-dup ${got.atlasNoDedupe.toFixed(1)} req/s`,
			);
		}
		await closeTargets(Object.values(targets));
		const ratio = median(ratios);
		const row = {
			line,
			n8n: n8n.version,
			concurrency: CONCURRENCY,
			rounds: ROUNDS,
			requestsPerRound: PER_ROUND,
			bodyBytesMedian: median(templates.map((t) => t.length)),
			atlas: {
				rps: round(median(rps.atlas), 1),
				p50Ms: round(percentile(lat.atlas, 50), 1),
				p99Ms: round(percentile(lat.atlas, 99), 1),
			},
			webhook: {
				rps: round(median(rps.webhook), 1),
				p50Ms: round(percentile(lat.webhook, 50), 1),
				p99Ms: round(percentile(lat.webhook, 99), 1),
			},
			atlasNoDedupe: {
				rps: round(median(rps.atlasNoDedupe), 1),
				p50Ms: round(percentile(lat.atlasNoDedupe, 50), 1),
				p99Ms: round(percentile(lat.atlasNoDedupe, 99), 1),
				ratio: round(median(plainRatios), 3),
			},
			ratio: round(ratio, 3),
			target: 0.95,
			met: ratio >= 0.95,
		};
		log(
			`ingest n8n ${line}.x: Atlas Trigger ${row.atlas.rps} req/s (p50 ${row.atlas.p50Ms} / p99 ${row.atlas.p99Ms} ms), Webhook ${row.webhook.rps} req/s (p50 ${row.webhook.p50Ms} / p99 ${row.webhook.p99Ms} ms), ratio ${row.ratio} (target >= 0.95: ${row.met ? 'met' : 'MISSED'})`,
		);
		return row;
	});
}

async function main(): Promise<void> {
	const { tarball, bytes } = packWorkingTree();
	log(`  packed ${tarball} (${bytes} bytes)`);
	const child = await startTsChild(
		'bench/lib/emulator-process.ts',
		['--latency', '0', '--api-key', API_KEY],
		/listening on/,
	);
	const emu = new EmulatorClient(child.line.replace(/^.*listening on /, '').trim());
	const results: Array<Record<string, unknown>> = [];
	try {
		for (const line of benchLines()) {
			await emu.reset();
			results.push(await benchLine(line, tarball, emu));
		}
	} finally {
		await child.stop();
	}
	const file = writeResult('ingest', { benchmark: 'ingest', machine: machine(), results });
	log(`-> ${file}`);
}

runMain(main);
