import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeEvent } from '../../shared/events';
import { FIELD_ALIASES } from '../../shared/fields';
import { foldRecord, isRecord, pickString, toRecord } from '../../shared/read';
import type { Subscription } from '../../shared/subscriptions';
import { listSubscriptions, PROVIDER, subscribe, unsubscribe } from '../../shared/subscriptions';
import { ATLAS_PATHS, atlasRequest } from '../../shared/transport';
import { cleanUpOrphans } from './orphans';
import type { Operation } from './utils';
import { campaignIdParameter, requiredString } from './utils';

const SUBSCRIPTION_KEYS = ['hookUrl', 'campaignId', 'triggerName', 'provider'];

/** The four values Atlas knows a subscription by, read and checked from the parameters. */
function subscriptionParameters(ctx: IExecuteFunctions, itemIndex: number): Subscription {
	const hookUrl = requiredString(
		ctx,
		'hookUrl',
		itemIndex,
		'Webhook URL',
		'Enter the URL Atlas should send events to, e.g. the production URL of an n8n Webhook node.',
	);
	let url: URL | undefined;
	try {
		url = new URL(hookUrl);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new NodeOperationError(ctx.getNode(), `"${hookUrl}" is not a web address`, {
			itemIndex,
			description: 'Enter a full URL starting with https://, e.g. https://example.com/webhook/atlas.',
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
	const provider = String(ctx.getNodeParameter('provider', itemIndex, PROVIDER) ?? '').trim() || PROVIDER;
	return { hookUrl, campaignId, triggerName, provider };
}

const list: Operation = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true });
	const subscriptions = await listSubscriptions.call(this, campaignId);
	return subscriptions.map((subscription) => {
		const { hookUrl, triggerName, provider } = subscription;
		const raw = subscription as unknown as IDataObject;
		const id = pickString(foldRecord(raw), ...FIELD_ALIASES.subscriptionId);
		const rest = Object.fromEntries(
			Object.entries(raw).filter(([key]) => !['id', ...SUBSCRIPTION_KEYS].includes(key)),
		);
		return { id: id ?? null, hookUrl, campaignId: subscription.campaignId, triggerName, provider, ...rest };
	});
};

const subscribeOperation: Operation = async function (this, itemIndex) {
	const subscription = subscriptionParameters(this, itemIndex);
	const answer = await subscribe.call(this, subscription);
	const id = pickString(foldRecord(answer), ...FIELD_ALIASES.subscriptionId);
	const rest = Object.fromEntries(
		Object.entries(answer).filter(([key]) => !['id', ...SUBSCRIPTION_KEYS].includes(key)),
	);
	return [{ subscribed: true, id: id ?? null, ...subscription, ...rest }];
};

const unsubscribeOperation: Operation = async function (this, itemIndex) {
	const subscription = subscriptionParameters(this, itemIndex);
	const existed = await unsubscribe.call(this, subscription);
	// Atlas answering "not found" means there is nothing left to remove: the goal is reached.
	return [{ unsubscribed: true, existed, ...subscription }];
};

const getSamplePayload: Operation = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true });
	const event = requiredString(this, 'event', itemIndex, 'Event', 'Pick the Atlas event, e.g. Call Completed.');
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.samplePayload,
		qs: { campaignId, triggerName: event },
		notFound: campaignId === '*' ? 'A sample payload' : `Campaign "${campaignId}"`,
	});
	// One event, or a list of them. (toList would take a call event's `messages` for a list.)
	const events = Array.isArray(answer) ? answer.filter(isRecord) : [toRecord(answer)].filter(isRecord);
	// The same item the Atlas Trigger outputs for this event, so a workflow can be built on it.
	return events.map((raw) => {
		const normalized = normalizeEvent(event, raw, 'simplified');
		return normalized.ok ? normalized.item : { event, ...raw };
	});
};

export const webhookOperations: Record<string, Operation> = {
	list,
	subscribe: subscribeOperation,
	unsubscribe: unsubscribeOperation,
	getSamplePayload,
	cleanUpOrphans,
};
