import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as get from './get';
import * as getAll from './getAll';
import * as getManySinceLastRun from './getManySinceLastRun';

export const callOperations: Record<string, AtlasOperation> = { get, getAll, getManySinceLastRun };

export const callDescription: INodeProperties[] = [
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
			{
				name: 'Get Many Since Last Run',
				value: 'getManySinceLastRun',
				description:
					'Get the calls completed since this node last ran in this workflow, as Atlas Trigger "Call Completed" items: recovers events the webhook missed',
				action: 'Get calls completed since the last run',
			},
		],
		default: 'get',
	},
	...get.description,
	...getManySinceLastRun.description,
	...getAll.description,
];
