import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchCalls } from '../../../shared/api/calls';
import { ALL_CAMPAIGNS } from '../../../shared/atlas/events';
import { modelEvent } from '../../../shared/model/event';
import { HOUR, MINUTE } from '../../../shared/util/time';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, nonNegativeNumber } from '../parameters';
import { campaignLocator } from '../properties';
import type { Watermark } from './watermark';

/*
 * Call > Get Many Since Last Run: the calls completed since this node last ran successfully in
 * this workflow, as the items the Atlas Trigger emits for Call Completed. Atlas delivers webhooks
 * only best-effort, so a Schedule Trigger -> this branch recovers what was missed.
 *
 * The mark lives in the node's static data, one per campaign ('*' for all):
 *   { since: <start of the last successful run>, seen: { callId: <end time ms> } }
 * A run asks for calls that ENDED after `since - Late Record Window` (Atlas may list a call a
 * little after it ended) and leaves out those already returned. Atlas filters /call by when a
 * call STARTED, so it is asked from `Longest Call` earlier still. The mark moves only when the
 * whole node succeeds; n8n does not save static data of manual executions, so runs started by
 * hand in the editor never move it.
 */

export const DEFAULT_LOOKBACK_HOURS = 24;
export const DEFAULT_LATE_MINUTES = 15;
export const DEFAULT_LONGEST_CALL_MINUTES = 120;
const MAX_SEEN = 10_000;
const STATE_KEY = 'callsSinceLastRun';

/** A status that says the call has not ended yet (its record is listed while it runs). */
const ONGOING = /^(in[-_ ]?progress|ongoing|ringing|queued|active|started|scheduled|pending)$/i;

const show = showFor('call', 'getManySinceLastRun');

export const description: INodeProperties[] = [
	{
		...campaignLocator({
			allowAll: true,
			required: false,
			displayOptions: show,
			description:
				'Only calls of this campaign, or "All Campaigns". Each campaign keeps its own last-run mark.',
		}),
		default: { mode: 'list', value: '*', cachedResultName: 'All Campaigns' },
	},
	{
		displayName: 'Options',
		name: 'sinceLastRunOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'Each call is returned once: the first run returns the calls of the First Run Lookback, later runs those completed since the previous successful run. Runs started by hand in the editor do not move the mark (n8n does not save their static data).',
		displayOptions: show,
		options: [
			{
				displayName: 'First Run Lookback (Hours)',
				name: 'firstRunLookbackHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LOOKBACK_HOURS,
				description:
					'On the first run (nothing recorded yet), return the calls completed in this many hours before it',
			},
			{
				displayName: 'Late Record Window (Minutes)',
				name: 'lateRecordMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LATE_MINUTES,
				description:
					'Atlas may list a call a little after it ended. Calls that ended this long before the previous run are checked again; those already returned are not returned twice.',
			},
			{
				displayName: 'Longest Call (Minutes)',
				name: 'longestCallMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LONGEST_CALL_MINUTES,
				description:
					'Atlas filters calls by when they started: calls that started this long before the previous run are asked for too, so a long call that ended after it is not missed',
			},
		],
	},
];

interface Windows {
	lookbackMs: number;
	lateMs: number;
	longestMs: number;
}

function readWindows(ctx: IExecuteFunctions, itemIndex: number): Windows {
	const options = ctx.getNodeParameter('sinceLastRunOptions', itemIndex, {}) as IDataObject;
	const option = (name: string, label: string, fallback: number) =>
		nonNegativeNumber(ctx, itemIndex, options[name], label, fallback);
	return {
		lookbackMs:
			option('firstRunLookbackHours', 'First Run Lookback (Hours)', DEFAULT_LOOKBACK_HOURS) * HOUR,
		lateMs:
			option('lateRecordMinutes', 'Late Record Window (Minutes)', DEFAULT_LATE_MINUTES) * MINUTE,
		longestMs:
			option('longestCallMinutes', 'Longest Call (Minutes)', DEFAULT_LONGEST_CALL_MINUTES) * MINUTE,
	};
}

function savedMarks(ctx: IExecuteFunctions): Record<string, Watermark> {
	const state = ctx.getWorkflowStaticData('node')[STATE_KEY];
	return (state && typeof state === 'object' && !Array.isArray(state) ? state : {}) as Record<
		string,
		Watermark
	>;
}

/** When a call ended (ms), or undefined when the record does not say / the call is not over. */
function endedMs(item: IDataObject): number | undefined {
	if (typeof item.status === 'string' && ONGOING.test(item.status.trim())) return undefined;
	const ended = typeof item.endedAt === 'string' ? Date.parse(item.endedAt) : NaN;
	if (Number.isFinite(ended)) return ended;
	const started = typeof item.startedAt === 'string' ? Date.parse(item.startedAt) : NaN;
	const duration = typeof item.durationSeconds === 'number' ? item.durationSeconds : NaN;
	if (Number.isFinite(started) && Number.isFinite(duration)) return started + duration * 1000;
	return undefined;
}

interface Ended {
	item: IDataObject;
	callId: string;
	ended: number;
}

/** The calls that ended after `from` and were not returned before, oldest first. */
function endedSince(
	records: IDataObject[],
	from: number,
	seen: IDataObject,
	campaignId: string,
): Ended[] {
	const fresh: Ended[] = [];
	const returned = new Set<string>();
	for (const raw of records) {
		const modelled = modelEvent('call_completed', raw, 'simplified');
		if (!modelled.ok || !modelled.callId) continue; // no call ID: nothing a workflow could de-duplicate on
		const { item, callId } = modelled;
		const ended = endedMs(item);
		if (ended === undefined || ended <= from) continue;
		if (Object.prototype.hasOwnProperty.call(seen, callId) || returned.has(callId)) continue;
		if (campaignId !== ALL_CAMPAIGNS && item.campaignId && item.campaignId !== campaignId) continue;
		returned.add(callId);
		fresh.push({ item, callId, ended });
	}
	return fresh.sort((a, b) => a.ended - b.ended);
}

/** The next mark: this run's start, and what was returned after `keepAfter` (the next run looks back that far). */
function nextMark(now: number, keepAfter: number, seen: IDataObject, fresh: Ended[]): Watermark {
	const kept: Array<[string, number]> = [];
	for (const [callId, ended] of Object.entries(seen)) {
		if (typeof ended === 'number' && ended > keepAfter) kept.push([callId, ended]);
	}
	for (const { callId, ended } of fresh) if (ended > keepAfter) kept.push([callId, ended]);
	kept.sort((a, b) => b[1] - a[1]);
	return { since: new Date(now).toISOString(), seen: Object.fromEntries(kept.slice(0, MAX_SEEN)) };
}

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const campaignId =
		campaignIdParameter(this, itemIndex, { allowAll: true, optional: true }) || ALL_CAMPAIGNS;
	const { lookbackMs, lateMs, longestMs } = readWindows(this, itemIndex);
	const now = run.startedAt;

	// an earlier item of this execution for the same campaign may have staged a newer mark
	const previous = run.sinceLastRun.get(campaignId) ?? savedMarks(this)[campaignId];
	const previousSince = previous ? Date.parse(previous.since) : NaN;
	const firstRun = !Number.isFinite(previousSince);
	const from = firstRun ? now - lookbackMs : previousSince - lateMs;
	const seen: IDataObject =
		!firstRun && previous?.seen && typeof previous.seen === 'object' ? previous.seen : {};

	const records = await fetchCalls.call(this, {
		startDate: new Date(from - longestMs).toISOString(),
		...(campaignId !== ALL_CAMPAIGNS ? { campaignId } : {}),
	});
	const fresh = endedSince(records, from, seen, campaignId);

	const next = nextMark(now, now - lateMs, seen, fresh);
	run.sinceLastRun.set(campaignId, next);
	run.onSuccess(() => {
		this.getWorkflowStaticData('node')[STATE_KEY] = { ...savedMarks(this), [campaignId]: next };
	});
	return fresh.map(({ item }) => item);
};
