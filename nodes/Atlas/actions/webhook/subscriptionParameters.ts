import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../../../shared/atlas/events';
import type { Subscription } from '../../../shared/model/subscription';
import { PROVIDER } from '../../../shared/model/subscription';
import { showFor } from '../operation';
import { campaignIdParameter, requiredString } from '../parameters';
import { campaignLocator } from '../properties';

/* The four values of a subscription, as Subscribe and Unsubscribe ask for them. */

export function eventProperty(operation: string): INodeProperties {
	return {
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: EVENT_OPTIONS,
		default: 'call_completed',
		required: true,
		description: 'The Atlas event (trigger name). One subscription covers one event.',
		displayOptions: showFor('webhook', operation),
	};
}

export function subscriptionProperties(operation: 'subscribe' | 'unsubscribe'): INodeProperties[] {
	const show = showFor('webhook', operation);
	return [
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
			displayOptions: show,
		},
		campaignLocator({ allowAll: true, displayOptions: show }),
		eventProperty(operation),
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'string',
			default: PROVIDER,
			placeholder: PROVIDER,
			description:
				'The provider name Atlas stores with the subscription. Keep "custom" unless the subscription was made by another tool. To unsubscribe, enter the provider used to subscribe.',
			displayOptions: show,
		},
	];
}

/** The four values Atlas knows a subscription by, read and checked from the parameters. */
export function readSubscriptionParameters(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Subscription {
	const hookUrl = requiredString(
		ctx,
		'hookUrl',
		itemIndex,
		'Webhook URL',
		'Enter the URL Atlas should send events to, e.g. the production URL of an n8n Webhook node.',
	);
	if (!isWebAddress(hookUrl)) {
		throw new NodeOperationError(ctx.getNode(), `"${hookUrl}" is not a web address`, {
			itemIndex,
			description:
				'Enter a full URL starting with https://, e.g. https://example.com/webhook/atlas.',
		});
	}
	const campaignId = campaignIdParameter(ctx, itemIndex, { allowAll: true });
	const triggerName = requiredString(
		ctx,
		'event',
		itemIndex,
		'Event',
		'Pick the Atlas event, e.g. Call Completed.',
	);
	const provider =
		String(ctx.getNodeParameter('provider', itemIndex, PROVIDER) ?? '').trim() || PROVIDER;
	return { hookUrl, campaignId, triggerName, provider };
}

function isWebAddress(value: string): boolean {
	try {
		const { protocol } = new URL(value);
		return protocol === 'https:' || protocol === 'http:';
	} catch {
		return false;
	}
}
