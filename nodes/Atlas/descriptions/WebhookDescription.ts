import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../../shared/fields';
import { PROVIDER } from '../../shared/subscriptions';
import { campaignLocator } from './common';

const forWebhook = (...operation: string[]) => ({ show: { resource: ['webhook'], operation } });

export const webhookOperations: INodeProperties[] = [
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
];

export const webhookFields: INodeProperties[] = [
	{
		displayName: 'Webhook URL',
		name: 'hookUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/webhook/atlas?token=...',
		description:
			'The URL Atlas sends the event to. To unsubscribe, enter exactly the URL used to subscribe.',
		hint: 'Atlas requires HTTPS. Atlas does not sign its requests, so use a hard-to-guess URL (e.g. with a secret token in it).',
		displayOptions: forWebhook('subscribe', 'unsubscribe'),
	},
	campaignLocator({
		allowAll: true,
		displayOptions: forWebhook('list', 'subscribe', 'unsubscribe'),
	}),
	campaignLocator({
		allowAll: true,
		displayOptions: forWebhook('getSamplePayload'),
		description:
			'The campaign whose data Atlas builds the sample from. With "All Campaigns" Atlas picks one.',
	}),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: EVENT_OPTIONS,
		default: 'call_completed',
		required: true,
		description: 'The Atlas event (trigger name). One subscription covers one event.',
		displayOptions: forWebhook('subscribe', 'unsubscribe', 'getSamplePayload'),
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'string',
		default: PROVIDER,
		placeholder: PROVIDER,
		description:
			'The provider name Atlas stores with the subscription. Keep "custom" unless the subscription was made by another tool. To unsubscribe, enter the provider used to subscribe.',
		displayOptions: forWebhook('subscribe', 'unsubscribe'),
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only list the subscriptions pointing at this n8n, each with "orphan" true or false and the reason, without removing anything. Turn off to remove the orphaned ones.',
		displayOptions: forWebhook('cleanUpOrphans'),
	},
	{
		displayName: 'Options',
		name: 'cleanupOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Where to look for orphaned subscriptions',
		displayOptions: forWebhook('cleanUpOrphans'),
		options: [
			{
				displayName: 'Webhook Base URL',
				name: 'webhookBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/',
				description:
					'The address of this n8n that Atlas sends events to (WEBHOOK_URL). Leave empty to use the one n8n reports. Enter an earlier address to clean up after WEBHOOK_URL changed, as long as it still reaches this n8n. Only subscriptions under this address are checked; others are never touched.',
			},
		],
	},
];
