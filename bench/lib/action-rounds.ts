// The measured rounds of bench/action.ts: every target of every n8n under test (one n8n per
// engine-settings profile, all running) takes its turn in each round, in an order that rotates
// from round to round, first PER_ROUND calls one at a time, then PER_ROUND with 10 in flight
// (the reverse order), so the rest of the machine's load hits all alike. p50/p99 pool every
// measured call; each round's p50 ratios give the per-round spread.
import { loadavg } from 'node:os';
import { log, median, percentile, round } from './common';
import { type ActionTargets, type TargetName, callAgent } from './action-targets';
import { type LatencyStats, inFlight, latencyStats } from './targets';

export type Mode = 'sequential' | 'inFlight10';
export const IN_FLIGHT = 10;

export interface Arm {
	profile: string;
	targets: ActionTargets;
}

type Latencies = Record<TargetName, number[]>;
const emptyLatencies = (): Latencies => ({ action: [], webhook2: [], webhook1: [], actionV1: [] });
const namesOf = (targets: ActionTargets) =>
	(Object.keys(targets) as TargetName[]).filter((n) => targets[n as keyof ActionTargets]);

type Ratio = { p50: number; p99: number };
export interface ModeStats extends Record<'action' | 'webhook2' | 'webhook1', LatencyStats> {
	actionV1?: LatencyStats;
	vsWebhook2: Ratio;
	vsWebhook1: Ratio;
	/** the trigger at typeVersion 1.1 against the same at 1 (with --with-v1) */
	vsActionV1?: Ratio;
	/** min and max over the rounds of the round's p50 ratio */
	perRoundP50: { vsWebhook2: [number, number]; vsWebhook1: [number, number] };
}

export interface ArmStats {
	profile: string;
	sequential: ModeStats;
	inFlight10: ModeStats;
}

export interface RoundsResult {
	arms: ArmStats[];
	/** 1-minute load average sampled at each round's start: min, median, max */
	loadavg1: [number, number, number];
}

async function blast(target: ActionTargets['action'], count: number, concurrency: number) {
	return await inFlight(count, concurrency, async () => await callAgent(target));
}

export async function warmUp(arms: Arm[], calls: number): Promise<void> {
	for (const arm of arms)
		for (const name of namesOf(arm.targets)) await blast(arm.targets[name as 'action'], calls, 1);
}

function modeStats(all: Latencies, perRound: Latencies[]): ModeStats {
	const s = {
		action: latencyStats(all.action),
		webhook2: latencyStats(all.webhook2),
		webhook1: latencyStats(all.webhook1),
	};
	const ratio = (base: LatencyStats): Ratio => ({
		p50: round(s.action.p50Ms / base.p50Ms, 3),
		p99: round(s.action.p99Ms / base.p99Ms, 3),
	});
	const v1 = all.actionV1.length ? latencyStats(all.actionV1) : undefined;
	const spread = (base: 'webhook2' | 'webhook1'): [number, number] => {
		const r = perRound.map((l) => percentile(l.action, 50) / percentile(l[base], 50));
		return [round(Math.min(...r), 2), round(Math.max(...r), 2)];
	};
	return {
		...s,
		...(v1 && { actionV1: v1, vsActionV1: ratio(v1) }),
		vsWebhook2: ratio(s.webhook2),
		vsWebhook1: ratio(s.webhook1),
		perRoundP50: { vsWebhook2: spread('webhook2'), vsWebhook1: spread('webhook1') },
	};
}

export async function runRounds(
	arms: Arm[],
	rounds: number,
	perRound: number,
): Promise<RoundsResult> {
	const all = arms.map(() => ({ sequential: emptyLatencies(), inFlight10: emptyLatencies() }));
	const byRound = arms.map(() => ({
		sequential: [] as Latencies[],
		inFlight10: [] as Latencies[],
	}));
	const loads: number[] = [];
	const turns = arms.flatMap((arm, a) => namesOf(arm.targets).map((name) => ({ a, name })));
	for (let r = 0; r < rounds; r++) {
		loads.push(loadavg()[0]);
		const order = turns.map((_, i) => turns[(i + r) % turns.length]);
		const thisRound = arms.map(() => ({
			sequential: emptyLatencies(),
			inFlight10: emptyLatencies(),
		}));
		for (const [mode, list, concurrency] of [
			['sequential', order, 1],
			['inFlight10', [...order].reverse(), IN_FLIGHT],
		] as const) {
			for (const { a, name } of list) {
				const lat = await blast(arms[a].targets[name as 'action'], perRound, concurrency);
				all[a][mode][name].push(...lat);
				thisRound[a][mode][name].push(...lat);
			}
		}
		arms.forEach((_, a) => {
			byRound[a].sequential.push(thisRound[a].sequential);
			byRound[a].inFlight10.push(thisRound[a].inFlight10);
		});
		log(`  round ${r + 1}/${rounds} done (load ${loadavg()[0].toFixed(2)})`);
	}
	return {
		arms: arms.map((arm, a) => ({
			profile: arm.profile,
			sequential: modeStats(all[a].sequential, byRound[a].sequential),
			inFlight10: modeStats(all[a].inFlight10, byRound[a].inFlight10),
		})),
		loadavg1: [round(Math.min(...loads), 2), round(median(loads), 2), round(Math.max(...loads), 2)],
	};
}
