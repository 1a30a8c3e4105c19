import type { INodeProperties } from 'n8n-workflow';

import { fetchSamples } from '../../../shared/api/samples';
import { modelEvent } from '../../../shared/model/event';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { campaignLocator, simplifyProperty } from '../properties';
import { eventProperty } from './subscriptionParameters';

export const description: INodeProperties[] = [
	campaignLocator({
		allowAll: true,
		displayOptions: showFor('webhook', 'getSamplePayload'),
		description:
			'The campaign whose data Atlas builds the sample from. With "All Campaigns" Atlas picks one.',
	}),
	eventProperty('getSamplePayload'),
	simplifyProperty(showFor('webhook', 'getSamplePayload'), 'event, callId, summary, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true });
	const event = requiredString(
		this,
		'event',
		itemIndex,
		'Event',
		'Pick the Atlas event, e.g. Call Completed.',
	);
	// the item the Atlas Trigger outputs for this event, so a workflow can be built on it
	return (await fetchSamples.call(this, event, campaignId)).map((raw) => {
		const modelled = modelEvent(event, raw, 'simplified');
		return modelled.ok ? modelled.item : { event, ...raw };
	});
};
