import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { campaignLabel } from '../../shared/api/campaigns';
import { describeSubscription, subscribe, unsubscribe } from '../../shared/api/subscriptions';
import type { Subscription } from '../../shared/model/subscription';
import { getBaseUrl, isAtlasCloud } from '../../shared/transport/request';
import { mapSettled } from '../../shared/util/concurrency';
import { errorText } from '../../shared/util/errors';
import { readTriggerParameters, sendSampleWhenListening } from '../parameters';
import { startSampleDelivery } from '../sample/send';
import { logRemovedAtAtlas } from './atAtlas';
import { undeliverableReason, WEBHOOK_URL_HELP } from './hookUrl';
import type { Account, StoredSubscription, TriggerState } from './state';
import {
	account,
	currentToken,
	detached,
	rebuild,
	recorded,
	stored,
	subscriptionKey,
	triggerState,
	wantedSubscriptions,
} from './state';
import { deriveToken, hashToken, newNonce } from './token';
import { removeAll, removeEarlier, SUBSCRIBE_CONCURRENCY, toRemove } from './leftovers';

export { SUBSCRIBE_CONCURRENCY } from './leftovers';

/*
 * Activation (create), the check n8n makes before it (checkExists) and deactivation (remove).
 * Static data records exactly what Atlas holds for this node (state.ts); a failed activation
 * rolls back what it made, and what cannot be removed stays recorded to be retried.
 */

/** True only when static data records exactly what the current parameters need. Reads only. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// A user's activation follows an inactive state, so whatever is still recorded is left over
	// from a deactivation that did not finish (n8n 1.x does not save static data when delete()
	// throws): subscribe anew, and create() removes the leftovers. At boot ('init') and in the
	// other modes the record is trusted, so a restart never subscribes twice.
	if (this.getActivationMode() === 'activate') return false;
	const state = triggerState(this);
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl || state.webhookUrl !== webhookUrl) return false;
	if (recorded(state).length === 0) return false;
	const current = await account(this);
	if (state.credential !== current.fingerprint) return false;
	const token = currentToken(state, current);
	if (token === undefined) return false;
	if (typeof state.nonce === 'string' && state.tokenHash !== hashToken(token)) return false;
	const { subscriptions, lost } = rebuild(state, recorded(state), current);
	if (lost.length > 0) return false;
	const need = new Set(
		wantedSubscriptions(this, webhookUrl, state.nonce, token).map(subscriptionKey),
	);
	const have = new Set(subscriptions.map((s) => subscriptionKey(s.subscription)));
	return need.size === have.size && [...need].every((key) => have.has(key));
}

/** The webhook address Atlas is to deliver to; throws when n8n has none Atlas can reach. */
async function deliverableWebhookUrl(ctx: IHookFunctions): Promise<string> {
	const webhookUrl = ctx.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(ctx.getNode(), 'n8n gave this trigger no webhook address', {
			description: WEBHOOK_URL_HELP,
		});
	}
	const reason = isAtlasCloud(await getBaseUrl.call(ctx))
		? undeliverableReason(webhookUrl)
		: undefined;
	if (reason) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Atlas cannot deliver events to this n8n: ${reason}`,
			{
				description: WEBHOOK_URL_HELP,
			},
		);
	}
	return webhookUrl;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const webhookUrl = await deliverableWebhookUrl(this);
	// whatever an earlier activation left recorded goes once the new subscriptions are in
	const earlier = recorded(state).map((record) => detached(record, state));
	const current = await account(this);
	const nonce = newNonce();
	const token = deriveToken(current.apiKey, nonce);
	const needed = wantedSubscriptions(this, webhookUrl, nonce, token);

	const made = await subscribeAll(this, state, earlier, needed, {
		nonce,
		webhookUrl,
		credential: current.fingerprint,
	});
	delete state.token; // an earlier version's token in clear
	Object.assign(state, {
		nonce,
		tokenHash: hashToken(token),
		webhookUrl,
		credential: current.fingerprint,
	});
	state.subscriptions = made.map(stored);
	await removeEarlier(this, state, earlier, made, current, webhookUrl);

	if (isListening(this) && sendSampleWhenListening(this)) {
		// the samples are read now, the POST runs in the background: listening never waits
		// for, nor fails because of, the sample
		const { events, campaignIds } = readTriggerParameters(this);
		await startSampleDelivery(this, webhookUrl, token, nonce, events, campaignIds);
	}
	return true;
}

/**
 * Makes every needed subscription, or none: when one fails, those made are removed again, what
 * cannot be removed is recorded (naming this activation) for deactivation, and the error says so.
 */
async function subscribeAll(
	ctx: IHookFunctions,
	state: TriggerState,
	earlier: StoredSubscription[],
	needed: Subscription[],
	generation: Pick<StoredSubscription, 'nonce' | 'webhookUrl' | 'credential'>,
): Promise<Subscription[]> {
	const made: Subscription[] = [];
	const results = await mapSettled(needed, SUBSCRIBE_CONCURRENCY, async (subscription) => {
		await subscribe.call(ctx, subscription);
		made.push(subscription);
	});
	const failed = results.find((result) => !result.ok);
	if (!failed || failed.ok) return made;
	const leftOver = await removeAll(ctx, made);
	state.subscriptions = [...earlier, ...leftOver.map((s) => ({ ...stored(s), ...generation }))];
	throw activationError(ctx, failed.input, failed.error, needed.length, leftOver);
}

/** "Listen for test event": n8n calls create() with mode and activation mode 'manual'. */
export function isListening(ctx: IHookFunctions): boolean {
	return ctx.getMode() === 'manual' && ctx.getActivationMode() === 'manual';
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const records = recorded(state);
	let current: Account;
	try {
		current = await account(this);
	} catch (error) {
		// without the credential nothing can be removed; with nothing recorded, nothing is lost
		if (records.length === 0) return true;
		throw new NodeOperationError(
			this.getNode(),
			`The Atlas credential could not be read: ${errorText(error)}`,
			{
				description:
					'Open the Atlas Trigger, pick a working Atlas API credential and deactivate again: its subscriptions stay recorded until then.',
			},
		);
	}
	const webhookUrl = this.getNodeWebhookUrl('default') ?? state.webhookUrl;
	const { removals, unrecorded } = await toRemove(this, state, records, current, webhookUrl, []);
	const results = await mapSettled(
		removals,
		SUBSCRIBE_CONCURRENCY,
		async (s) => await unsubscribe.call(this, s.subscription),
	);
	const remaining = results.filter((result) => !result.ok);
	state.subscriptions = remaining.map((result) => result.input.record);
	logRemovedAtAtlas(
		this,
		unrecorded.filter((sub) => !remaining.some((left) => left.input.subscription === sub)),
		'that this trigger had not recorded (made with another api-key, or missed by an edit)',
	);
	if (remaining.length === 0) {
		for (const key of ['token', 'nonce', 'tokenHash', 'webhookUrl', 'credential'] as const)
			delete state[key];
		return true;
	}
	const list = remaining
		.map(
			(result) =>
				`${describeSubscription(result.input.subscription)} (${errorText(result.ok ? undefined : result.error)})`,
		)
		.join('; ');
	throw new NodeApiError(
		this.getNode(),
		{ message: 'Some Atlas subscriptions could not be removed' },
		{
			message: `${remaining.length} of ${removals.length} Atlas subscription(s) could not be removed: ${list}`,
			description:
				'They stay recorded on this trigger, so activating and deactivating the workflow again retries them. You can also remove them with the Atlas node (Webhook > Unsubscribe). Until then Atlas may keep sending those events; this trigger ignores them.',
		},
	);
}

function activationError(
	ctx: IHookFunctions,
	subscription: Subscription,
	error: unknown,
	total: number,
	leftOver: Subscription[],
): NodeApiError {
	const description = (error as { description?: string } | undefined)?.description;
	const cleanup =
		leftOver.length === 0
			? 'Nothing was left subscribed.'
			: `${leftOver.length} subscription(s) made before the failure could not be removed yet; they are recorded and removed when the workflow is deactivated.`;
	return new NodeApiError(
		ctx.getNode(),
		{ message: errorText(error) },
		{
			message: `Could not subscribe to "${subscription.triggerName}" for ${campaignLabel(subscription.campaignId)}: ${errorText(error)}`,
			description: [description, `${total} subscription(s) were needed. ${cleanup}`]
				.filter(Boolean)
				.join(' '),
			httpCode: (error as { httpCode?: string } | undefined)?.httpCode ?? undefined,
		},
	);
}
