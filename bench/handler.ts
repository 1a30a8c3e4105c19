// Benchmark 2: the handler alone, in process.
//   node --expose-gc --import tsx bench/handler.ts [--quick]
// Microseconds per event for what the Atlas Trigger does with a delivery's bytes: JSON.parse,
// then per event the campaign filter read (eventCampaignId), validation + normalisation
// (modelEvent, zod), Simplify (present, applied at emit), and de-duplication of the batch (checkAndRecord, with the de-dup state
// held at its size cap of 5,000 keys, so every delivery evicts as many keys as it adds).
// We call these functions of nodes/shared directly, exactly as nodes/AtlasTrigger/receive.ts
// does; n8n-core's WebhookContext (parameter reads, express req/res) is n8n's cost, not ours,
// and is left out. Baseline: JSON.parse alone of the same bytes. Both are timed in alternating
// rounds (baseline, ours, baseline, ...) and the ratio is the median of the per-round ratios.
import type { IDataObject } from 'n8n-workflow';
import { checkAndRecord, hashKey } from '../nodes/AtlasTrigger/dedupe/dedupe';
import { eventCampaignId, modelEvent } from '../nodes/shared/model/event';
import { present } from '../nodes/shared/model/simplify';
import { recordKeys } from '../nodes/AtlasTrigger/dedupe/seenRecord';
import {
	QUICK,
	bodyTemplates,
	fillBody,
	log,
	machine,
	median,
	round,
	writeResult,
} from './lib/common';

const CAP = 5_000;
const SETTINGS = { windowMs: 24 * 3_600_000, maxKeys: CAP };
const BATCHES = [1, 10, 100];
const ROUNDS = QUICK ? 7 : 21;
const EVENTS_PER_ROUND = QUICK ? 300 : 600; // quick: enough for the JIT to settle (3 x 100 printed batch 1 at 2.02x in CI, full runs 1.4-1.6x)

let seq = 0;
const scope = `wf-bench|Atlas Trigger|${hashKey('token')}`;
const staticData: IDataObject = {};
// fill the de-dup record to its cap before measuring
checkAndRecord(
	staticData,
	scope,
	Array.from({ length: CAP }, (_, i) => `call_completed|prefill_${i}`),
	SETTINGS,
);

function ours(text: string): number {
	const events = JSON.parse(text) as unknown[];
	const keys: Array<string | undefined> = [];
	let items = 0;
	for (const raw of events) {
		eventCampaignId(raw); // the campaign filter read (All Campaigns: result unused, still computed)
		// Simplify (typeVersion 2's default): ours only, presented at emit (emit.ts)
		const normalized = modelEvent('call_completed', raw, 'ours');
		if (normalized.ok) {
			present(normalized.item, 'simplified');
			keys.push(normalized.dedupeKey);
			items++;
		}
	}
	const duplicate = checkAndRecord(staticData, scope, keys, SETTINGS);
	if (duplicate.some(Boolean)) throw new Error('a distinct callId was taken for a duplicate');
	return items;
}

function baseline(text: string): number {
	return (JSON.parse(text) as unknown[]).length;
}

// run with --expose-gc (npm run bench:handler does): each timed section starts on a collected
// heap, so garbage made while building the bodies is not charged to whichever runs next
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function timeRound(fn: (text: string) => number, bodies: string[]): number {
	collect();
	let events = 0;
	const start = process.hrtime.bigint();
	for (const body of bodies) events += fn(body);
	const ns = Number(process.hrtime.bigint() - start);
	return ns / 1_000 / events; // µs per event
}

function main(): void {
	const results: Array<Record<string, unknown>> = [];
	for (const batch of BATCHES) {
		const deliveries = Math.max(1, Math.round(EVENTS_PER_ROUND / batch));
		const templates = bodyTemplates(Math.min(deliveries, 60), batch, 7 + batch);
		const avgBytes = templates.reduce((n, t) => n + t.length, 0) / templates.length / batch;
		// fresh bodies per round (distinct callIds), built before timing
		const makeBodies = () =>
			Array.from({ length: deliveries }, (_, i) =>
				fillBody(templates[i % templates.length], `h${++seq}`),
			);
		// warm up both paths
		for (let w = 0; w < 2; w++) {
			timeRound(baseline, makeBodies());
			timeRound(ours, makeBodies());
		}
		const base: number[] = [];
		const mine: number[] = [];
		const ratios: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			const bodies = makeBodies();
			const b = timeRound(baseline, bodies);
			const o = timeRound(ours, bodies);
			base.push(b);
			mine.push(o);
			ratios.push(o / b);
		}
		const seen = recordKeys(String(staticData.seen ?? '')).length;
		// a full record forgets its oldest 5 % at once: it stays within [cap - 5 %, cap]
		if (seen > CAP || seen < CAP - Math.floor(CAP / 20))
			throw new Error(`de-dup state is ${seen} keys, not at its cap ${CAP}`);
		const row = {
			batch,
			eventBytes: Math.round(avgBytes),
			baselineUsPerEvent: round(median(base)),
			oursUsPerEvent: round(median(mine)),
			ratio: round(median(ratios)),
			target: 2,
			met: median(ratios) <= 2,
			rounds: ROUNDS,
			eventsPerRound: deliveries * batch,
		};
		results.push(row);
		log(
			`handler batch ${String(batch).padStart(3)}: JSON.parse ${row.baselineUsPerEvent} µs/event, ours ${row.oursUsPerEvent} µs/event, ratio ${row.ratio} (target <= 2: ${row.met ? 'met' : 'MISSED'})`,
		);
	}
	const file = writeResult('handler', {
		benchmark: 'handler',
		machine: machine(),
		dedupeCap: CAP,
		results,
	});
	log(`-> ${file}`);
}

main();
