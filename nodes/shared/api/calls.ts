import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ATLAS_PATHS, SCHEDULE_CALL_PATHS } from '../atlas/endpoints';
import { toList, toRecord } from '../model/read';
import { errorText } from '../util/errors';
import type { AtlasRequest } from '../transport/request';
import { atlasRequest, getBaseUrl, type AtlasContext } from '../transport/request';

/** One call record as Atlas sent it; undefined when `allowNotFound` and Atlas has no such call. */
export async function fetchCall(
	this: AtlasContext,
	callId: string,
	allowNotFound = false,
): Promise<IDataObject | undefined> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.call(callId),
		notFound: `Call "${callId}"`,
		allowNotFound,
	});
	if (answer === undefined) return undefined;
	return toRecord(answer) ?? {};
}

export interface CallQuery extends IDataObject {
	campaignId?: string;
	startDate?: string;
	endDate?: string;
	customerPhoneNumber?: string;
}

/** Call records as Atlas sent them (Atlas filters by when a call started). */
export async function fetchCalls(this: AtlasContext, query: CallQuery): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.calls,
		qs: query,
		notFound: query.campaignId ? `Campaign "${query.campaignId}"` : 'The call list',
	});
	return toList(answer);
}

/** The scheduled calls of a campaign, as Atlas sent them; undefined when Atlas answers 404. */
export async function fetchScheduledCalls(
	this: AtlasContext,
	campaignId: string,
	allowNotFound = false,
): Promise<IDataObject[] | undefined> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.scheduledCalls(campaignId),
		notFound: `Campaign "${campaignId}"`,
		allowNotFound,
	});
	return answer === undefined && allowNotFound ? undefined : toList(answer);
}

export interface ScheduleCallBody extends IDataObject {
	campaignId: string;
	customerPhoneNumber: string;
	customerName: string;
	customerInfo?: string;
	scheduledDate?: string;
}

/** The schedule path that worked, per base URL (SCHEDULE_CALL_PATHS: its spelling is a guess). */
const workingSchedulePath = new Map<string, string>();

/**
 * Schedules one outbound call; Atlas's answer as it came. Sent once per spelling at most: a
 * 404 places nothing, so the other spelling is tried once, and the one that worked remembered.
 */
export async function scheduleCall(
	this: AtlasContext,
	body: ScheduleCallBody,
	describeError: AtlasRequest['describeError'],
): Promise<unknown> {
	const baseUrl = await getBaseUrl.call(this);
	const known = workingSchedulePath.get(baseUrl);
	const paths = known ? [known] : [...SCHEDULE_CALL_PATHS];
	const misses: Array<{ error: NodeApiError; routeMissing: boolean }> = [];
	for (const path of paths) {
		let routeMissing = false;
		let failure: unknown;
		try {
			const answer = await atlasRequest.call(this, {
				method: 'POST',
				path,
				body,
				notFound: `Campaign "${body.campaignId}"`,
				describeError: (status, said) => {
					if (status === 404) routeMissing = /cannot post/i.test(said ?? '');
					return describeError?.(status, said);
				},
			});
			workingSchedulePath.set(baseUrl, path);
			return answer;
		} catch (error) {
			failure = error;
		}
		// atlasRequest fails with NodeApiError only; anything else is wrapped, never repeated
		if (!(failure instanceof NodeApiError)) {
			throw new NodeApiError(this.getNode(), { message: errorText(failure) });
		}
		if (failure.httpCode !== '404') throw failure;
		misses.push({ error: failure, routeMissing });
	}
	// Atlas's own 404 (the campaign) says more than a router's "Cannot POST" for the other spelling.
	const told = (misses.find((miss) => !miss.routeMissing) ?? misses[0]).error;
	throw told;
}

/** Forgets which schedule path worked (tests). */
export function forgetSchedulePath(): void {
	workingSchedulePath.clear();
}

/** What became of a call record asked to be deleted. */
export type CallDeletion = { deleted: true; answer: unknown } | { deleted: false; notFound: true };

/**
 * Deletes one call record (`DELETE /call/{id}` [ref]; the answer was never recovered, so it is
 * passed on as it came). Atlas's 404 for the call means it is gone already; a router's 404
 * ("Cannot DELETE") means there is no such endpoint, and stays an error. Never repeated.
 */
export async function deleteCall(
	this: AtlasContext,
	callId: string,
	describeError: AtlasRequest['describeError'],
): Promise<CallDeletion> {
	let routeMissing = false;
	let failure: unknown;
	try {
		const answer = await atlasRequest.call(this, {
			method: 'DELETE',
			path: ATLAS_PATHS.call(callId),
			notFound: `Call "${callId}"`,
			describeError: (status, said) => {
				if (status === 404) routeMissing = /cannot delete/i.test(said ?? '');
				return describeError?.(status, said);
			},
		});
		return { deleted: true, answer };
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError && failure.httpCode === '404' && !routeMissing)
		return { deleted: false, notFound: true };
	throw failure instanceof NodeApiError
		? failure
		: new NodeApiError(this.getNode(), { message: errorText(failure) });
}
