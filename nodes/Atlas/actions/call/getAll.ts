import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallQuery } from '../../../shared/api/calls';
import { fetchCalls } from '../../../shared/api/calls';
import { callItem } from '../../../shared/model/call';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit, campaignIdParameter, dateParameter } from '../parameters';
import { campaignLocator, returnAllAndLimit, simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	...returnAllAndLimit(showFor('call', 'getAll')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only return the calls that match all of these filters',
		displayOptions: showFor('call', 'getAll'),
		options: [
			campaignLocator({ required: false, description: 'Only calls of this campaign' }),
			{
				displayName: 'Customer Phone Number',
				name: 'customerPhoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155550101',
				description: 'Only calls with this customer phone number, in international format',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls that started at or before this date and time',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls that started at or after this date and time',
			},
		],
	},
	simplifyProperty(showFor('call', 'getAll'), 'callId, summary, status, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: CallQuery = {};
	if (filters.campaign !== undefined) {
		const campaignId = campaignIdParameter(this, itemIndex, {
			name: 'filters.campaign',
			optional: true,
		});
		if (campaignId) query.campaignId = campaignId;
	}
	const startDate = dateParameter(this, itemIndex, filters.startDate, 'Start Date');
	const endDate = dateParameter(this, itemIndex, filters.endDate, 'End Date');
	if (startDate && endDate && Date.parse(startDate) > Date.parse(endDate)) {
		throw new NodeOperationError(this.getNode(), 'Start Date is after End Date', {
			itemIndex,
			description: 'Swap the two dates, or clear one of them.',
		});
	}
	if (startDate) query.startDate = startDate;
	if (endDate) query.endDate = endDate;
	const phone =
		typeof filters.customerPhoneNumber === 'string' ? filters.customerPhoneNumber.trim() : '';
	if (phone) query.customerPhoneNumber = phone;

	const calls = await fetchCalls.call(this, query);
	return applyLimit(
		this,
		itemIndex,
		calls.map((raw) => callItem(raw)),
	);
};
