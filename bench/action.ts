// Benchmark 5: the round trip an Atlas agent sees, through a real n8n per line (1.123.50 on
// Node 20, 2.41.1 on Node 24).
//   node --import tsx bench/action.ts [--quick] [--lines 1,2]
// One n8n per line with workflows doing the same work after their trigger, each answering with
// the Set node's item (respond when the last node finishes):
//   action     Atlas Action Trigger (header secret, When Last Node Finishes) -> Set
//   webhook2   n8n's Webhook node 2.1 (Header Auth, When Last Node Finishes)  -> the same Set
//   webhook1   n8n's Webhook node 1   (likewise); on 2.41 the fair baseline: like every community
//              trigger it pays the expression isolate n8n acquires per call for start nodes other
//              than its own Webhook >= 2 (webhookPhaseNeedsIsolate); on 1.123 there is no isolate
// Rounds alternate the order of the targets; each round sends PER_ROUND calls one at a time
// (sequential) and PER_ROUND with 10 in flight. p50/p99 pool every measured call of a target;
// ratios are ours / the baseline's, from the same rounds.
import { Pool } from 'undici';
import { N8nClient } from '../test/rig/client';
import { type N8nInstance, startN8n } from '../test/rig/n8n';
import type { Line } from '../test/rig/paths';
import { QUICK, log, machine, percentile, round, runMain, writeResult } from './lib/common';
import { packWorkingTree } from './lib/pack';

const ROUNDS = QUICK ? 2 : 8;
const PER_ROUND = QUICK ? 10 : 40;
const IN_FLIGHT = 10;
const WARMUP = QUICK ? 5 : 30;
const HEADER = 'X-Atlas-Secret';
const SECRET = 'bench-secret-0123456789abcdef';

function linesArg(): Line[] {
	const i = process.argv.indexOf('--lines');
	const raw = i >= 0 ? process.argv[i + 1] : (process.env.N8N_LINES ?? '1,2');
	return raw
		.split(',')
		.map(Number)
		.filter((n): n is Line => n === 1 || n === 2);
}

type TargetName = 'action' | 'webhook2' | 'webhook1';
interface Target {
	name: TargetName;
	url: URL;
	pool: Pool;
}

let seq = 0;

async function call(target: Target): Promise<number> {
	const date = `2026-12-${String((seq++ % 28) + 1).padStart(2, '0')}`;
	const body = JSON.stringify({
		callId: `call_${seq}`,
		campaignId: 'cmp_sales',
		customerPhoneNumber: '+14155550123',
		customerName: 'Dana',
		parameters: { date },
	});
	const t = performance.now();
	const res = await target.pool.request({
		path: target.url.pathname + target.url.search,
		method: 'POST',
		headers: { 'content-type': 'application/json', [HEADER.toLowerCase()]: SECRET },
		body,
	});
	const text = await res.body.text();
	const ms = performance.now() - t;
	if (res.statusCode !== 200)
		throw new Error(`${target.name} -> ${res.statusCode}: ${text.slice(0, 300)}`);
	const answer = JSON.parse(text) as { date?: string };
	if (answer.date !== date)
		throw new Error(`${target.name} answered ${text.slice(0, 200)} for ${date}`);
	return ms;
}

async function blast(target: Target, count: number, inFlight: number): Promise<number[]> {
	const latencies: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next++ < count) latencies.push(await call(target));
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return latencies;
}

const SET = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [240, 0],
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{ id: 'b1', name: 'available', type: 'string', value: 'yes' },
				{
					id: 'b2',
					name: 'date',
					type: 'string',
					value: '={{ $json.date ?? $json.body.parameters.date }}',
				},
			],
		},
		includeOtherFields: false,
		options: {},
	},
};

async function benchLine(line: Line, tarball: string): Promise<Record<string, unknown>> {
	let n8n: N8nInstance | undefined;
	try {
		n8n = await startN8n({ line, packageTarball: tarball });
		log(`  n8n ${n8n.version} up in ${n8n.bootMs} ms`);
		const client = new N8nClient(n8n.baseUrl, line);
		await client.setupOwner();
		const actionCred = await client.createCredential('bench action', 'atlasActionApi', {
			headerName: HEADER,
			secret: SECRET,
		});
		const headerCred = await client.createCredential('bench header', 'httpHeaderAuth', {
			name: HEADER,
			value: SECRET,
		});
		const link = (from: string) => ({
			[from]: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		});
		const actionWf = await client.createWorkflow({
			name: 'bench action',
			nodes: [
				{
					name: 'Atlas Action Trigger',
					type: 'n8n-nodes-atlas.atlasActionTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { respond: 'lastNode', options: { fallbackAfterSeconds: 0 } },
					credentials: { atlasActionApi: { id: actionCred.id, name: actionCred.name } },
				},
				SET,
			],
			connections: link('Atlas Action Trigger'),
		});
		const webhookWf = async (typeVersion: number) =>
			await client.createWorkflow({
				name: `bench webhook ${typeVersion}`,
				nodes: [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion,
						position: [0, 0],
						parameters: {
							httpMethod: 'POST',
							path: `bench-${line}-${typeVersion}`,
							authentication: 'headerAuth',
							responseMode: 'lastNode',
							options: {},
						},
						credentials: { httpHeaderAuth: { id: headerCred.id, name: headerCred.name } },
					},
					SET,
				],
				connections: link('Webhook'),
			});
		const w2 = await webhookWf(2.1);
		const w1 = await webhookWf(1);
		for (const wf of [actionWf, w2, w1]) await client.activate(wf.id);
		const target = (name: TargetName, url: string): Target => ({
			name,
			url: new URL(url),
			pool: new Pool(new URL(url).origin, { connections: IN_FLIGHT, pipelining: 1 }),
		});
		const targets: Record<TargetName, Target> = {
			action: target('action', `${n8n.baseUrl}/webhook/${actionWf.nodes[0].webhookId}/action`),
			webhook2: target('webhook2', client.webhookUrl(w2, 'Webhook')),
			webhook1: target('webhook1', client.webhookUrl(w1, 'Webhook')),
		};
		// 2.x registers webhooks in the background: wait until each answers, then warm up
		for (const t of Object.values(targets)) {
			for (let i = 0; ; i++) {
				try {
					await call(t);
					break;
				} catch (error) {
					if (i > 100) throw error;
					await new Promise((r) => setTimeout(r, 300));
				}
			}
			await blast(t, WARMUP, 1);
		}
		const names = Object.keys(targets) as TargetName[];
		const seqLat: Record<string, number[]> = { action: [], webhook2: [], webhook1: [] };
		const parLat: Record<string, number[]> = { action: [], webhook2: [], webhook1: [] };
		for (let r = 0; r < ROUNDS; r++) {
			const order = names.map((_, i) => names[(i + r) % names.length]);
			for (const name of order) seqLat[name].push(...(await blast(targets[name], PER_ROUND, 1)));
			for (const name of [...order].reverse())
				parLat[name].push(...(await blast(targets[name], PER_ROUND, IN_FLIGHT)));
			log(`  round ${r + 1}/${ROUNDS} done (${order.join(', ')})`);
		}
		await Promise.all(Object.values(targets).map((t) => t.pool.close()));
		const stats = (lat: Record<string, number[]>) => {
			const of = (name: TargetName) => ({
				p50Ms: round(percentile(lat[name], 50), 1),
				p99Ms: round(percentile(lat[name], 99), 1),
			});
			const s = { action: of('action'), webhook2: of('webhook2'), webhook1: of('webhook1') };
			const ratio = (base: 'webhook2' | 'webhook1') => ({
				p50: round(s.action.p50Ms / s[base].p50Ms, 3),
				p99: round(s.action.p99Ms / s[base].p99Ms, 3),
			});
			return { ...s, vsWebhook2: ratio('webhook2'), vsWebhook1: ratio('webhook1') };
		};
		const row = {
			line,
			n8n: n8n.version,
			rounds: ROUNDS,
			callsPerRoundPerMode: PER_ROUND,
			sequential: stats(seqLat),
			inFlight10: stats(parLat),
		};
		log(`action n8n ${line}.x: ${JSON.stringify(row)}`);
		return row;
	} finally {
		await n8n?.stop({ removeFolder: true });
	}
}

async function main(): Promise<void> {
	const { tarball, bytes } = packWorkingTree();
	log(`  packed ${tarball} (${bytes} bytes)`);
	const results: Array<Record<string, unknown>> = [];
	for (const line of linesArg()) results.push(await benchLine(line, tarball));
	const file = writeResult('action', { benchmark: 'action', machine: machine(), results });
	log(`-> ${file}`);
}

runMain(main);
