// Benchmark 3: activation fan-out.
//   node --import tsx bench/activation.ts [--quick]
// 4 events x 50 campaigns (200 subscriptions) against the Atlas emulator with 50 ms latency on
// every route: the time of the Atlas Trigger's create() (activation) and delete() (deactivation),
// each run through n8n-core's real HookContext (test/helpers/engine.ts runHook; HTTP through
// n8n's httpRequestWithAuthentication), against ceil(200 / SUBSCRIBE_CONCURRENCY) sequential
// round trips of the same request (subscribe / unsubscribe) to the same emulator, measured in
// the same run right before (plain fetch, keep-alive). The emulator runs in its own process. Repetitions alternate baseline and ours;
// the ratio is the median of the per-repetition ratios. Target: <= 1.5.
import { DEFAULT_WEBHOOK_ID, registerCredentialTypes, runHook } from '../test/helpers/engine';

import type { IDataObject } from 'n8n-workflow';
import { AtlasApi } from '../credentials/AtlasApi.credentials';
import { SUBSCRIBE_CONCURRENCY } from '../nodes/AtlasTrigger/activation/lifecycle';
import { AtlasTrigger } from '../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { EmulatorClient } from '../test/emulator';
import { startTsChild } from './lib/child';
import { QUICK, log, machine, median, round, writeResult, runMain } from './lib/common';

const LATENCY_MS = 50;
const EVENTS = ['call_started', 'call_completed', 'message_received', 'message_sent'];
const CAMPAIGNS = 50;
const REPS = QUICK ? 1 : 7;
const API_KEY = 'bench-key';
const BASE = 'http://localhost:5678/';
const HOOK_URL = `${BASE}webhook/${DEFAULT_WEBHOOK_ID}/atlas`;

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return Math.round((used.user + used.system) / 1000);
}

async function main(): Promise<void> {
	registerCredentialTypes(new AtlasApi());
	// the emulator runs in its own process: Atlas is remote, its CPU is not ours
	const child = await startTsChild(
		'bench/lib/emulator-process.ts',
		['--latency', String(LATENCY_MS), '--campaigns', String(CAMPAIGNS), '--api-key', API_KEY],
		/listening on/,
	);
	const emu = new EmulatorClient(child.line.replace(/^.*listening on /, '').trim());
	const campaignIds = Array.from({ length: CAMPAIGNS }, (_, i) => `cmp_bench_${i}`);
	const total = EVENTS.length * CAMPAIGNS;
	const sequentialTrips = Math.ceil(total / SUBSCRIBE_CONCURRENCY);
	const trigger = new AtlasTrigger();
	const options = (staticData: IDataObject) => ({
		parameters: { events: EVENTS, campaignScope: 'selected', campaignIds },
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		staticData,
		webhookMode: 'activate' as const,
		webhookBaseUrl: BASE,
	});

	const call = async (method: 'POST' | 'DELETE', i: number) => {
		const res = await fetch(
			`${emu.baseUrl}/events-gateway/trigger/${method === 'POST' ? 'subscribe' : 'unsubscribe'}`,
			{
				method,
				headers: { 'content-type': 'application/json', 'api-key': API_KEY },
				body: JSON.stringify({
					hookUrl: `${HOOK_URL}?event=call_completed&token=baseline`,
					campaignId: campaignIds[i % CAMPAIGNS],
					triggerName: 'call_completed',
					provider: 'custom',
				}),
			},
		);
		await res.arrayBuffer();
		if (!res.ok) throw new Error(`baseline ${method} -> ${res.status}`);
	};
	const sequential = async (method: 'POST' | 'DELETE') => {
		const t = performance.now();
		for (let i = 0; i < sequentialTrips; i++) await call(method, i);
		return performance.now() - t;
	};

	// warm-up (connections, JIT, n8n-core's lazy modules)
	await sequential('POST');
	await sequential('DELETE');
	const warm = await runHook(trigger, 'create', options({}));
	await runHook(trigger, 'delete', options(warm.staticData));

	const rows = {
		activate: {
			base: [] as number[],
			ours: [] as number[],
			ratio: [] as number[],
			cpu: [] as number[],
		},
		deactivate: {
			base: [] as number[],
			ours: [] as number[],
			ratio: [] as number[],
			cpu: [] as number[],
		},
	};
	for (let r = 0; r < REPS; r++) {
		const baseUp = await sequential('POST');
		const baseDown = await sequential('DELETE');
		let cpu0 = process.cpuUsage();
		let t = performance.now();
		const created = await runHook(trigger, 'create', options({}));
		const up = performance.now() - t;
		const upCpu = cpuMs(cpu0);
		const made = (await emu.subscriptions()).length;
		if (created.result !== true || made !== total) {
			throw new Error(`activation made ${made} subscriptions, expected ${total}`);
		}
		cpu0 = process.cpuUsage();
		t = performance.now();
		await runHook(trigger, 'delete', options(created.staticData));
		const down = performance.now() - t;
		const downCpu = cpuMs(cpu0);
		const left = (await emu.subscriptions()).length;
		if (left !== 0) throw new Error(`${left} subscriptions left after delete`);
		rows.activate.base.push(baseUp);
		rows.activate.ours.push(up);
		rows.activate.ratio.push(up / baseUp);
		rows.activate.cpu.push(upCpu);
		rows.deactivate.cpu.push(downCpu);
		rows.deactivate.base.push(baseDown);
		rows.deactivate.ours.push(down);
		rows.deactivate.ratio.push(down / baseDown);
		log(
			`  rep ${r + 1}: activate ${Math.round(up)} ms (cpu ${upCpu} ms) vs ${Math.round(baseUp)} ms; deactivate ${Math.round(down)} ms (cpu ${downCpu} ms) vs ${Math.round(baseDown)} ms`,
		);
	}
	await child.stop();

	const results = Object.entries(rows).map(([phase, v]) => {
		const ratio = median(v.ratio);
		const row = {
			phase,
			subscriptions: total,
			concurrency: SUBSCRIBE_CONCURRENCY,
			sequentialTrips,
			baselineMs: round(median(v.base), 0),
			roundTripMs: round(median(v.base) / sequentialTrips, 1),
			oursMs: round(median(v.ours), 0),
			oursCpuMs: round(median(v.cpu), 0),
			ratio: round(ratio),
			target: 1.5,
			met: ratio <= 1.5,
			reps: REPS,
		};
		log(
			`activation ${phase}: ${row.oursMs} ms vs ${sequentialTrips} sequential round trips ${row.baselineMs} ms (${row.roundTripMs} ms each), ratio ${row.ratio} (target <= 1.5: ${row.met ? 'met' : 'MISSED'})`,
		);
		return row;
	});
	const file = writeResult('activation', {
		benchmark: 'activation',
		machine: machine(),
		latencyMs: LATENCY_MS,
		results,
	});
	log(`-> ${file}`);
}

runMain(main);
