import type { INodeProperties } from 'n8n-workflow';

import { fetchCallBookings } from '../../../shared/api/bookings';
import { bookingItem } from '../../../shared/model/booking';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { campaignLocator, simplifyProperty } from '../properties';

const show = showFor('booking', 'getForCall');

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: show, description: 'The campaign the call belongs to' }),
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.callId }}',
		description: 'The call whose bookings to get (e.g. the callId of an Atlas Trigger item)',
		displayOptions: show,
	},
	simplifyProperty(show, 'bookingId, startAt, customerName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	const callId = requiredString(
		this,
		'callId',
		itemIndex,
		'Call ID',
		'Enter the ID of the call, or map it (e.g. the callId of an Atlas Trigger "Call Completed" item).',
	);
	const raw = await fetchCallBookings.call(this, campaignId, callId);
	return raw.map((record) => bookingItem(record, { campaignId, callId }));
};
