import type { IDataObject } from 'n8n-workflow';

import { ATLAS_PATHS } from '../atlas/endpoints';
import { toList, toRecord } from '../model/read';
import { atlasRequest, type AtlasContext } from '../transport/request';

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
