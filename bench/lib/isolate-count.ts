// bench/action.ts --probe: how many expression isolates n8n 2.x hands out and builds per call of
// each target (isolate-probe.cjs preloaded into n8n), measured one target at a time outside the
// timed rounds.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, round } from './common';
import { type ActionTargets, type TargetName, callAgent } from './action-targets';

interface Counts {
	acquire: Record<string, number>;
	lazyBridge: Record<string, number>;
	build: { async: number; sync: number; asyncMs: number; syncMs: number };
	evaluate: Record<string, number>;
}

export interface Probe {
	env: Record<string, string>;
	dir: string;
}

export function isolateProbe(): Probe {
	const dir = mkdtempSync(join(tmpdir(), 'atlas-isolate-probe-'));
	return {
		dir,
		env: {
			NODE_OPTIONS: `--require ${join(REPO, 'bench', 'lib', 'isolate-probe.cjs')}`,
			ATLAS_ISOLATE_PROBE: join(dir, 'counts'),
			ATLAS_ISOLATE_PROBE_STACKS: process.env.ATLAS_ISOLATE_PROBE_STACKS ?? '',
		},
	};
}

/** The counters of every process of the n8n, summed (flattened `group.key` -> value). */
function read(probe: Probe): Record<string, number> {
	const sum: Record<string, number> = {};
	for (const file of readdirSync(probe.dir).filter((f) => !f.endsWith('.txt'))) {
		const counts = JSON.parse(readFileSync(join(probe.dir, file), 'utf8')) as Counts;
		for (const [group, values] of Object.entries(counts))
			for (const [key, n] of Object.entries(values as Record<string, number>))
				sum[`${group}.${key}`] = (sum[`${group}.${key}`] ?? 0) + n;
	}
	return sum;
}

const settle = () => new Promise((r) => setTimeout(r, 1_500)); // pool refills and the 200 ms flush

/** Per call of each target: the probe's counters' growth over `calls` sequential calls. */
export async function isolatesPerCall(
	probe: Probe,
	targets: ActionTargets,
	calls: number,
): Promise<Partial<Record<TargetName, Record<string, number>>>> {
	const out: Partial<Record<TargetName, Record<string, number>>> = {};
	for (const name of Object.keys(targets) as TargetName[]) {
		const target = targets[name as keyof ActionTargets];
		if (!target) continue;
		await settle();
		const before = read(probe);
		for (let i = 0; i < calls; i++) await callAgent(target);
		await settle();
		const after = read(probe);
		const per: Record<string, number> = {};
		for (const key of Object.keys(after)) {
			const d = (after[key] - (before[key] ?? 0)) / calls;
			if (d !== 0) per[key] = round(d, 2);
		}
		out[name] = per;
	}
	return out;
}
