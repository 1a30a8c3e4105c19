import type { IDataObject } from 'n8n-workflow';

import { eventCampaignId, invalidEventItem, modelEvent } from '../../shared/model/event';
import type { OutputMode } from '../../shared/model/event';
import type { SampleSource } from '../sample/collect';
import type { DeliveryReport } from './reply';

/** One event of a delivery on its way to the workflow, with what the later steps need. */
export interface DeliveredEvent {
	item: IDataObject;
	event: string;
	/** undefined for an invalid event: never a duplicate, never recorded. */
	dedupeKey?: string;
	/** For call events: what Fetch Full Call Record looks up and the recording is named after. */
	callId?: string;
	/** Set for the samples of "Listen for test event". */
	sampleSource?: SampleSource;
}

export interface ModelOptions {
	output: OutputMode;
	onInvalidEvent: 'emit' | 'skip';
	/** undefined for every campaign */
	campaigns?: ReadonlySet<string>;
}

/**
 * The events of a delivery as items, in delivery order: events of campaigns this trigger does not
 * want are ignored, events that cannot be used are kept with an `error` field or skipped.
 */
export function modelDelivery(
	event: string,
	events: unknown[],
	options: ModelOptions,
	report: DeliveryReport,
): DeliveredEvent[] {
	const delivered: DeliveredEvent[] = [];
	for (const raw of events) {
		const campaignId = options.campaigns ? eventCampaignId(raw) : undefined;
		if (campaignId !== undefined && !options.campaigns?.has(campaignId)) {
			report.ignored++;
			continue;
		}
		const modelled = modelEvent(event, raw, options.output);
		if (!modelled.ok) {
			report.invalid++;
			if (options.onInvalidEvent === 'emit')
				delivered.push({ item: invalidEventItem(event, raw, modelled.reason), event });
			continue;
		}
		delivered.push({
			item: modelled.item,
			event,
			dedupeKey: modelled.dedupeKey,
			callId: modelled.callId,
		});
	}
	return delivered;
}
