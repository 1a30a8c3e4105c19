import type { INodeProperties } from 'n8n-workflow';

import { campaignLocator, returnAllAndLimit } from './common';

export const callOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one call record: summary, transcript, conversation messages, recording URL and status',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get call records, newest first, filtered by campaign, date or phone number',
				action: 'Get many calls',
			},
		],
		default: 'get',
	},
];

export const callFields: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b1f6c2e-...',
		description: 'The ID of the call record',
		hint: 'Map the callId of an Atlas Trigger event or the ID of a call from Get Many',
		displayOptions: { show: { resource: ['call'], operation: ['get'] } },
	},
	...returnAllAndLimit({ show: { resource: ['call'], operation: ['getAll'] } }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only return the calls that match all of these filters',
		displayOptions: { show: { resource: ['call'], operation: ['getAll'] } },
		options: [
			campaignLocator({
				required: false,
				description: 'Only calls of this campaign',
			}),
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
];
