import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ExecutionRun } from './operation';
import type { Watermark } from './watermark';

/*
 * The last-run marks of the "Get Many Since Last Run" operations (calls, bookings): one per
 * campaign ('*' for all) in the node's static data under the operation's own key,
 *   { since: <start of the last successful run>, seen: { <id>: <time ms> } }.
 * A run reads the mark an earlier item of the same execution staged, else the saved one; the
 * new mark is staged on the ExecutionRun and saved only when the whole node succeeds (the
 * router commits). n8n does not save static data of manual executions: runs started by hand in
 * the editor never move a mark.
 */

export type { Watermark } from './watermark';

function savedMarks(ctx: IExecuteFunctions, stateKey: string): Record<string, Watermark> {
	const state = ctx.getWorkflowStaticData('node')[stateKey];
	return (state && typeof state === 'object' && !Array.isArray(state) ? state : {}) as Record<
		string,
		Watermark
	>;
}

/** The mark of `scope` (a campaign or '*'): staged by this execution, else saved, else none. */
export function previousMark(
	ctx: IExecuteFunctions,
	run: ExecutionRun,
	stateKey: string,
	scope: string,
): Watermark | undefined {
	return run.sinceLastRun.get(`${stateKey}\n${scope}`) ?? savedMarks(ctx, stateKey)[scope];
}

/** When the previous mark was set (ms), or undefined on a first run. */
export function markTime(mark: Watermark | undefined): number | undefined {
	const since = mark ? Date.parse(mark.since) : NaN;
	return Number.isFinite(since) ? since : undefined;
}

/** What the previous mark had seen (empty on a first run). */
export function seenOf(mark: Watermark | undefined): IDataObject {
	return markTime(mark) !== undefined && mark?.seen && typeof mark.seen === 'object'
		? mark.seen
		: {};
}

/** Stages `next` for later items of this execution; saved when the node succeeds. */
export function stageMark(
	ctx: IExecuteFunctions,
	run: ExecutionRun,
	stateKey: string,
	scope: string,
	next: Watermark,
): void {
	run.sinceLastRun.set(`${stateKey}\n${scope}`, next);
	run.onSuccess(() => {
		ctx.getWorkflowStaticData('node')[stateKey] = { ...savedMarks(ctx, stateKey), [scope]: next };
	});
}
