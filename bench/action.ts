// Benchmark 5: the round trip an Atlas agent sees, through a real n8n per line (1.123.50 on
// Node 20, 2.41.1 on Node 24), under n8n 2.x's expression-engine settings.
//   node --import tsx bench/action.ts [--quick] [--lines 1,2] [--settings defaults,lazy,...]
//        [--rounds N] [--per-round N] [--probe] [--with-v1] [--action-version 1.1] [--out action]
// Targets (bench/lib/action-targets.ts): the Atlas Action Trigger, n8n's Webhook node 2.1 and
// Webhook node 1, each answering with the same Set node's item when the last node finishes.
// On 2.x one n8n per selected settings profile (bench/lib/engine-profiles.ts), all running at
// once, and the rounds (bench/lib/action-rounds.ts) rotate over every target of every n8n, so
// the ratios against the Webhook nodes AND the gain of a setting over n8n's defaults come from
// the same rounds. n8n 1.x has no expression engine and runs `defaults` only.
// --with-v1: a fourth target, the same trigger workflow at typeVersion 1 (n8n evaluates one
// expression per call for webhook nodes at version 1: the reason for 1.1).
// --probe (2.x): before the rounds, counts the isolates n8n hands out and builds per call of
// each target (bench/lib/isolate-probe.cjs preloaded into n8n; its counting is not timed).
import type { Line } from '../test/rig/paths';
import { type ActionTargets, createActionTargets } from './lib/action-targets';
import { type ArmStats, IN_FLIGHT, runRounds, warmUp } from './lib/action-rounds';
import { argList, argValue, benchLines } from './lib/args';
import { QUICK, log, machine, round, runMain, writeResult } from './lib/common';
import {
	type EngineProfile,
	profileDescription,
	profileEnv,
	selectProfiles,
} from './lib/engine-profiles';
import { type Probe, isolateProbe, isolatesPerCall } from './lib/isolate-count';
import { type BenchN8n, startBenchN8n } from './lib/n8n';
import { packWorkingTree } from './lib/pack';
import { closeTargets } from './lib/targets';

const ROUNDS = Number(argValue('rounds') ?? (QUICK ? 2 : 8));
const PER_ROUND = Number(argValue('per-round') ?? (QUICK ? 10 : 40));
const WARMUP = QUICK ? 5 : 30;
const PROBE = process.argv.includes('--probe');
const PROFILES = selectProfiles(argList('settings') ?? ['defaults']);
const ACTION_VERSION = Number(argValue('action-version') ?? 1.1);
const WITH_V1 = process.argv.includes('--with-v1');

interface Running {
	profile: EngineProfile;
	b: BenchN8n;
	targets: ActionTargets;
	probe?: Probe;
}

const gain = (arm: ArmStats, base: ArmStats | undefined, mode: 'sequential' | 'inFlight10') =>
	base && {
		p50: round(arm[mode].action.p50Ms / base[mode].action.p50Ms, 3),
		p99: round(arm[mode].action.p99Ms / base[mode].action.p99Ms, 3),
	};

async function benchLine(line: Line, tarball: string): Promise<Array<Record<string, unknown>>> {
	const profiles = line === 1 ? selectProfiles(['defaults']) : PROFILES;
	const running: Running[] = [];
	try {
		for (const profile of profiles) {
			const probe = PROBE && line === 2 ? isolateProbe() : undefined;
			log(`  n8n ${line}.x, ${profile.name}: ${profileDescription(profile, line)}`);
			const b = await startBenchN8n(line, tarball, { ...profileEnv(profile), ...probe?.env });
			running.push({ profile, b, probe, targets: {} as ActionTargets });
			running[running.length - 1].targets = await createActionTargets(b.client, line, {
				connections: IN_FLIGHT,
				actionTypeVersion: ACTION_VERSION,
				withV1: WITH_V1,
			});
		}
		const arms = running.map((r) => ({ profile: r.profile.name, targets: r.targets }));
		await warmUp(arms, WARMUP);
		const probes: Record<string, unknown> = {};
		for (const r of running)
			if (r.probe) {
				probes[r.profile.name] = await isolatesPerCall(r.probe, r.targets, QUICK ? 5 : 20);
				log(`  isolates per call, ${r.profile.name}: ${JSON.stringify(probes[r.profile.name])}`);
			}
		const measured = await runRounds(arms, ROUNDS, PER_ROUND);
		const base = measured.arms.find((a) => a.profile === 'defaults');
		return measured.arms.map((arm, i) => {
			const row = {
				line,
				n8n: running[i].b.n8n.version,
				profile: arm.profile,
				settings: profileDescription(running[i].profile, line),
				env: profileEnv(running[i].profile),
				actionTypeVersion: ACTION_VERSION,
				rounds: ROUNDS,
				callsPerRoundPerMode: PER_ROUND,
				loadavg1: measured.loadavg1,
				sequential: arm.sequential,
				inFlight10: arm.inFlight10,
				actionVsDefaults:
					arm === base
						? undefined
						: {
								sequential: gain(arm, base, 'sequential'),
								inFlight10: gain(arm, base, 'inFlight10'),
							},
				isolatesPerCall: probes[arm.profile],
			};
			log(`action n8n ${line}.x ${arm.profile}: ${JSON.stringify(row)}`);
			return row;
		});
	} finally {
		for (const r of running) {
			await closeTargets(Object.values(r.targets));
			await r.b.n8n.stop({ removeFolder: true });
		}
	}
}

async function main(): Promise<void> {
	const { tarball, bytes } = packWorkingTree();
	log(`  packed ${tarball} (${bytes} bytes)`);
	const start = machine();
	const results: Array<Record<string, unknown>> = [];
	for (const line of benchLines()) results.push(...(await benchLine(line, tarball)));
	const file = writeResult(argValue('out') ?? 'action', {
		benchmark: 'action',
		machine: start,
		machineAtEnd: machine(),
		results,
	});
	log(`-> ${file}`);
}

runMain(main);
