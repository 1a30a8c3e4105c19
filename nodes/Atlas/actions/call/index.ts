import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getManySinceLastRun from './getManySinceLastRun';
import * as getScheduled from './getScheduled';
import * as schedule from './schedule';

export const callOperations: Record<string, AtlasOperation> = {
	delete: del,
	get,
	getAll,
	getManySinceLastRun,
	getScheduled,
	schedule,
};

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete one call record (transcript, summary, recording) in Atlas. Acts only after the workflow builder switched on "Allow This Node to Act"; an AI agent cannot.',
				action: 'Delete a call',
			},
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
			{
				name: 'Get Scheduled',
				value: 'getScheduled',
				description:
					'Get the calls scheduled in an outbound campaign (who is called, and when). Needs the campaign.',
				action: 'Get the scheduled calls of a campaign',
			},
			{
				name: 'Schedule',
				value: 'schedule',
				description:
					'Make an Atlas agent phone a real person, now or at a set time: needs an outbound campaign and the phone number; optional name, context for the agent and time. Skips a number already scheduled or called within 10 minutes, and stops after 50 calls per execution.',
				action: 'Schedule an outbound call',
			},
		],
		default: 'get',
	},
	...get.description,
	...getManySinceLastRun.description,
	...getAll.description,
	...schedule.description,
	...getScheduled.description,
	...del.description,
];
