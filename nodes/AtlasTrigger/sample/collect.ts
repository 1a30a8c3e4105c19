import type { IDataObject } from 'n8n-workflow';

import { fetchSamples } from '../../shared/api/samples';
import type { AtlasContext } from '../../shared/transport/request';
import { errorText } from '../../shared/util/errors';
import { builtInSample } from './builtIn';

export type SampleSource = 'atlas' | 'built-in';

export interface SampleEvent {
	event: string;
	source: SampleSource;
	payload: IDataObject;
}

/** One sample per event: Atlas's when it answers one, else the built-in one, with the reason. */
export async function collectSamples(
	ctx: AtlasContext,
	events: string[],
	campaignId: string,
): Promise<{ samples: SampleEvent[]; fallbacks: string[] }> {
	const fallbacks: string[] = [];
	const samples = await Promise.all(
		events.map(async (event): Promise<SampleEvent> => {
			try {
				const [payload] = await fetchSamples.call(ctx, event, campaignId, true);
				if (payload) return { event, source: 'atlas', payload };
				fallbacks.push(`${event}: Atlas has no sample`);
			} catch (error) {
				fallbacks.push(`${event}: ${errorText(error)}`);
			}
			return { event, source: 'built-in', payload: builtInSample(event, campaignId) };
		}),
	);
	return { samples, fallbacks };
}
