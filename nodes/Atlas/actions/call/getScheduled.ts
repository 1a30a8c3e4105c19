import type { INodeProperties } from 'n8n-workflow';

import { fetchScheduledCalls } from '../../../shared/api/calls';
import { scheduledCallItem } from '../../../shared/model/schedule';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit, campaignIdParameter } from '../parameters';
import { campaignLocator, returnAllAndLimit, simplifyProperty } from '../properties';

const show = showFor('call', 'getScheduled');

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description: 'The outbound campaign whose scheduled calls to get',
	}),
	...returnAllAndLimit(show),
	simplifyProperty(
		showFor('call', 'getScheduled'),
		'sequenceNumber, customerPhoneNumber, scheduledAt, ...',
	),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const scheduled = (await fetchScheduledCalls.call(this, campaignId)) ?? [];
	return applyLimit(
		this,
		itemIndex,
		scheduled.map((raw) => scheduledCallItem(raw, campaignId)),
	);
};
