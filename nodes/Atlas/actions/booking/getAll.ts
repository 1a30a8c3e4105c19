import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { timeOf } from '../../../shared/model/booking';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit, campaignIdParameter, dateParameter } from '../parameters';
import { campaignLocator, returnAllAndLimit, simplifyProperty } from '../properties';
import { bookingsOf } from './list';

const show = showFor('booking', 'getAll');

export const description: INodeProperties[] = [
	campaignLocator({
		allowAll: true,
		displayOptions: show,
		description:
			'The campaign whose bookings to get, or "All Campaigns" (every campaign that is not archived)',
	}),
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'bookingFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only bookings whose appointment starts in this range. Atlas has no such filter: the node reads every booking of the campaign and keeps these; bookings without a start time are left out once a filter is set.',
		displayOptions: show,
		options: [
			{
				displayName: 'Starts After',
				name: 'startsAfter',
				type: 'dateTime',
				default: '',
				description: 'Only appointments that start at or after this date and time',
			},
			{
				displayName: 'Starts Before',
				name: 'startsBefore',
				type: 'dateTime',
				default: '',
				description: 'Only appointments that start before this date and time',
			},
		],
	},
	simplifyProperty(show, 'bookingId, startAt, customerName, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true });
	const filters = this.getNodeParameter('bookingFilters', itemIndex, {}) as IDataObject;
	const after = dateParameter(this, itemIndex, filters.startsAfter, 'Starts After');
	const before = dateParameter(this, itemIndex, filters.startsBefore, 'Starts Before');
	if (after && before && Date.parse(after) >= Date.parse(before)) {
		throw new NodeOperationError(this.getNode(), 'Starts After is not before Starts Before', {
			itemIndex,
			description: 'Swap the two dates, or clear one of them.',
		});
	}
	let bookings = await bookingsOf(this, campaignId);
	if (after || before) {
		const from = after ? Date.parse(after) : -Infinity;
		const to = before ? Date.parse(before) : Infinity;
		bookings = bookings.filter((booking) => {
			const start = timeOf(booking, 'startAt');
			return start !== undefined && start >= from && start < to;
		});
	}
	return applyLimit(this, itemIndex, bookings);
};
