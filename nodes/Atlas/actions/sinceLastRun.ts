import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeEvent } from '../../shared/events';
import { ALL_CAMPAIGNS } from '../../shared/fields';
import { toList } from '../../shared/read';
import { ATLAS_PATHS, atlasRequest } from '../../shared/transport';
import type { NodeRun, Operation } from './utils';
import { campaignIdParameter } from './utils';

/*
 * Call > Get Many Since Last Run: the calls completed since this node last ran successfully in
 * this workflow, as the same items the Atlas Trigger emits for Call Completed. Atlas delivers
 * webhooks only best-effort and its REST API stays the source of truth, so a Schedule Trigger
 * -> this -> Remove Duplicates (callId, across executions) branch recovers what was missed.
 *
 * The watermark lives in the node's static data (per workflow and node), one entry per campaign
 * ('*' for all):
 *   { since: <start of the last successful run>, seen: { callId: <end time ms> } }
 * - A run asks for calls that ENDED after `since - Late Record Window` (Atlas may list a call a
 *   little after it ended) and leaves out those already returned (`seen`, pruned to that window).
 * - Atlas filters /call by when a call STARTED, so it is asked from `Longest Call` earlier still;
 *   the end time is checked here.
 * - The watermark moves only when the whole node succeeds (router commits it at the end).
 * - n8n does not save static data of manual executions: runs started by hand in the editor
 *   never move it.
 */

export const DEFAULT_LOOKBACK_HOURS = 24;
export const DEFAULT_LATE_MINUTES = 15;
export const DEFAULT_LONGEST_CALL_MINUTES = 120;
const MAX_SEEN = 10_000;
const STATE_KEY = 'callsSinceLastRun';
const RUN_STARTED = 'sinceLastRun:startedAt';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A status that says the call has not ended yet (its record is listed while it runs). */
const ONGOING = /^(in[-_ ]?progress|ongoing|ringing|queued|active|started|scheduled|pending)$/i;

interface Watermark extends IDataObject {
	since: string;
	seen: IDataObject;
}

type State = Record<string, Watermark>;

function numberOption(ctx: IExecuteFunctions, options: IDataObject, name: string, label: string, fallback: number, itemIndex: number): number {
	const value = options[name];
	if (value === undefined || value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) {
		throw new NodeOperationError(ctx.getNode(), `${label} must be a number of 0 or more`, {
			itemIndex,
			description: `Enter a number such as ${fallback}.`,
		});
	}
	return n;
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

function readState(ctx: IExecuteFunctions): State {
	const data = ctx.getWorkflowStaticData('node');
	const state = data[STATE_KEY];
	return (state && typeof state === 'object' && !Array.isArray(state) ? state : {}) as State;
}

export const getManySinceLastRun: Operation = async function (this, itemIndex, run: NodeRun) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true, optional: true }) || ALL_CAMPAIGNS;
	const options = this.getNodeParameter('sinceLastRunOptions', itemIndex, {}) as IDataObject;
	const lookbackMs = numberOption(this, options, 'firstRunLookbackHours', 'First Run Lookback (Hours)', DEFAULT_LOOKBACK_HOURS, itemIndex) * HOUR;
	const lateMs = numberOption(this, options, 'lateRecordMinutes', 'Late Record Window (Minutes)', DEFAULT_LATE_MINUTES, itemIndex) * MINUTE;
	const longestMs = numberOption(this, options, 'longestCallMinutes', 'Longest Call (Minutes)', DEFAULT_LONGEST_CALL_MINUTES, itemIndex) * MINUTE;

	// one start time for every item of this execution: it becomes the next watermark
	let now = run.shared.get(RUN_STARTED) as number | undefined;
	if (now === undefined) {
		now = Date.now();
		run.shared.set(RUN_STARTED, now);
	}
	// an earlier item of this execution for the same campaign has staged a newer watermark
	const stagedKey = `sinceLastRun:${campaignId}`;
	const previous = (run.shared.get(stagedKey) as Watermark | undefined) ?? readState(this)[campaignId];
	const previousSince = previous ? Date.parse(previous.since) : NaN;
	const firstRun = !Number.isFinite(previousSince);
	const from = firstRun ? now - lookbackMs : previousSince - lateMs;
	const seen: IDataObject = !firstRun && previous?.seen && typeof previous.seen === 'object' ? previous.seen : {};

	const qs: IDataObject = { startDate: new Date(from - longestMs).toISOString() };
	if (campaignId !== ALL_CAMPAIGNS) qs.campaignId = campaignId;
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.calls,
		qs,
		notFound: campaignId !== ALL_CAMPAIGNS ? `Campaign "${campaignId}"` : 'The call list',
	});

	const fresh: Array<{ item: IDataObject; ended: number }> = [];
	const returned = new Set<string>();
	for (const raw of toList(answer)) {
		const normalized = normalizeEvent('call_completed', raw, 'simplified');
		if (!normalized.ok) continue; // no call ID: nothing a workflow could de-duplicate on
		const item = normalized.item;
		const callId = String(item.callId);
		const ended = endedMs(item);
		if (ended === undefined || ended <= from) continue;
		if (Object.prototype.hasOwnProperty.call(seen, callId) || returned.has(callId)) continue;
		if (campaignId !== ALL_CAMPAIGNS && item.campaignId && item.campaignId !== campaignId) continue;
		returned.add(callId);
		fresh.push({ item, ended });
	}
	fresh.sort((a, b) => a.ended - b.ended); // oldest first, as they happened

	// the next run starts at `now - late`: remember what was returned after that point
	const keepAfter = now - lateMs;
	const nextSeen: Array<[string, number]> = [];
	for (const [callId, ended] of Object.entries(seen)) {
		if (typeof ended === 'number' && ended > keepAfter) nextSeen.push([callId, ended]);
	}
	for (const { item, ended } of fresh) if (ended > keepAfter) nextSeen.push([String(item.callId), ended]);
	nextSeen.sort((a, b) => b[1] - a[1]);
	const next: Watermark = {
		since: new Date(now).toISOString(),
		seen: Object.fromEntries(nextSeen.slice(0, MAX_SEEN)),
	};
	run.shared.set(stagedKey, next);
	run.onSuccess(() => {
		const data = this.getWorkflowStaticData('node');
		const state = { ...readState(this), [campaignId]: next };
		data[STATE_KEY] = state;
	});

	return fresh.map(({ item }) => item);
};
