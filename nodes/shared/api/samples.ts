import type { IDataObject } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../atlas/events';
import { ATLAS_PATHS } from '../atlas/endpoints';
import { isRecord, toRecord } from '../model/read';
import { atlasRequest, type AtlasContext } from '../transport/request';

/**
 * Atlas's sample payloads of one event (path and answer are a [guess], see endpoints.ts), as
 * Atlas sent them. `*` lets Atlas pick the campaign. With `allowNotFound`, a 404 is no samples.
 */
export async function fetchSamples(
	this: AtlasContext,
	event: string,
	campaignId: string,
	allowNotFound = false,
): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.samplePayload,
		qs: { campaignId: campaignId || ALL_CAMPAIGNS, triggerName: event },
		notFound: campaignId === ALL_CAMPAIGNS ? 'A sample payload' : `Campaign "${campaignId}"`,
		allowNotFound,
	});
	// one event, a list of them, or a wrapped one [guess: all plausible]; toList would take a
	// call event's `messages` for the list
	const samples = Array.isArray(answer)
		? answer.filter(isRecord)
		: [toRecord(answer)].filter(isRecord);
	return samples.filter((sample) => Object.keys(sample).length > 0);
}
