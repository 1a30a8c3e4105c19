import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as cleanUpOrphans from './cleanUpOrphans';
import * as getSamplePayload from './getSamplePayload';
import * as list from './list';
import * as subscribe from './subscribe';
import * as unsubscribe from './unsubscribe';

export const webhookOperations: Record<string, AtlasOperation> = {
	list,
	subscribe,
	unsubscribe,
	getSamplePayload,
	cleanUpOrphans,
};

export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Clean Up Orphaned Subscriptions',
				value: 'cleanUpOrphans',
				description:
					'Find subscriptions pointing at this n8n that no active workflow owns any more, and remove them (Dry Run lists them first)',
				action: 'Clean up orphaned webhook subscriptions',
			},
			{
				name: 'Get Sample Payload',
				value: 'getSamplePayload',
				description: 'Get an example of what Atlas sends for an event, to build a workflow against',
				action: 'Get a sample webhook payload',
			},
			{
				name: 'List',
				value: 'list',
				description: 'List the webhook subscriptions of one campaign or of all campaigns',
				action: 'List webhook subscriptions',
			},
			{
				name: 'Subscribe',
				value: 'subscribe',
				description: 'Ask Atlas to send an event to a URL',
				action: 'Subscribe a URL to an event',
			},
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: 'Stop Atlas sending an event to a URL',
				action: 'Unsubscribe a URL from an event',
			},
		],
		default: 'list',
	},
	...list.description,
	...subscribe.description,
	...unsubscribe.description,
	...getSamplePayload.description,
	...cleanUpOrphans.description,
];
