import type { IDataObject } from 'n8n-workflow';

import { OUTCOME_PATHS } from '../atlas/outcomes';
import { toList } from '../model/read';
import type { AtlasContext } from '../transport/request';
import { atlasRequest } from '../transport/request';
import { forbidden } from './campaigns';

/**
 * The bookings of a campaign, as Atlas sent them (read tolerantly: bare or wrapped). With
 * `noneWhenNotFound` a 404 is "no bookings" (a campaign Atlas just listed, of a kind that may
 * have no bookings at all, e.g. a chat campaign [guess]).
 */
export async function fetchBookings(
	this: AtlasContext,
	campaignId: string,
	noneWhenNotFound = false,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: OUTCOME_PATHS.bookings(campaignId),
		notFound: `Campaign "${campaignId}"`,
		allowNotFound: noneWhenNotFound,
		describeError: forbidden('read the bookings of this campaign'),
	});
	return toList(answer);
}

/**
 * The bookings made during one call, as Atlas sent them. Whether Atlas answers 404 or an empty
 * list for a call without bookings is unknown [guess]: with `noneWhenNotFound` a 404 is "none".
 */
export async function fetchCallBookings(
	this: AtlasContext,
	campaignId: string,
	callId: string,
	noneWhenNotFound = false,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: OUTCOME_PATHS.callBookings(campaignId, callId),
		notFound: `Campaign "${campaignId}" or call "${callId}"`,
		allowNotFound: noneWhenNotFound,
		describeError: forbidden('read the bookings of this campaign'),
	});
	return toList(answer);
}
