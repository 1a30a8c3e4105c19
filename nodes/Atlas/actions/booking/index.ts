import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as getAll from './getAll';
import * as getForCall from './getForCall';
import * as getManySinceLastRun from './getManySinceLastRun';

export const bookingOperations: Record<string, AtlasOperation> = {
	getAll,
	getForCall,
	getManySinceLastRun,
};

export const bookingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['booking'] } },
		options: [
			{
				name: 'Get for Call',
				value: 'getForCall',
				description: 'Get the appointments an agent booked during one call',
				action: 'Get the bookings of a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Get the appointments booked in a campaign (or every campaign), optionally by when they start',
				action: 'Get many bookings',
			},
			{
				name: 'Get Many Since Last Run',
				value: 'getManySinceLastRun',
				description:
					'Get the appointments booked since this node last ran in this workflow: for a Schedule Trigger that copies new bookings to a calendar or CRM',
				action: 'Get bookings made since the last run',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getForCall.description,
	...getManySinceLastRun.description,
];
