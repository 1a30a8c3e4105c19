import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapSettled } from '../shared/concurrency';
import { ALL_CAMPAIGNS } from '../shared/fields';
import type { Subscription } from '../shared/subscriptions';
import { describeSubscription, PROVIDER, subscribe, unsubscribe } from '../shared/subscriptions';
import { CREDENTIAL_NAME, getBaseUrl, isAtlasCloud } from '../shared/transport';
import { buildHookUrl, newToken, undeliverableReason, WEBHOOK_URL_HELP } from './hookUrl';
import { readTriggerParameters, sendSampleWhenListening } from './parameters';
import { startSampleDelivery } from './sample';

/*
 * What the node keeps in its static data between activation, deliveries and deactivation.
 * `subscriptions` is exactly what Atlas holds for this node: added when a subscribe
 * succeeds, removed when an unsubscribe does.
 */
export interface TriggerState extends IDataObject {
	token?: string;
	webhookUrl?: string;
	credential?: string;
	subscriptions?: Subscription[];
}

/** Subscriptions made or removed at once: fast activation without a burst Atlas might refuse. */
export const SUBSCRIBE_CONCURRENCY = 8;

export function triggerState(ctx: IHookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

/** Identifies the account the subscriptions were made with, without keeping the key itself. */
async function credentialFingerprint(ctx: IHookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const baseUrl = await getBaseUrl.call(ctx);
	return createHash('sha256')
		.update(`${baseUrl}\n${String(credentials.apiKey ?? '')}`)
		.digest('base64url')
		.slice(0, 16);
}

function wanted(ctx: IHookFunctions, webhookUrl: string, token: string): Subscription[] {
	const { events, campaignIds } = readTriggerParameters(ctx);
	return events.flatMap((triggerName) =>
		campaignIds.map((campaignId) => ({
			hookUrl: buildHookUrl(webhookUrl, triggerName, token),
			campaignId,
			triggerName,
			provider: PROVIDER,
		})),
	);
}

const subscriptionKey = (s: Subscription) => `${s.triggerName}\n${s.campaignId}\n${s.hookUrl}\n${s.provider}`;

/** True only when static data records exactly what the current parameters need. Reads only. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// A user's activation follows an inactive state, so whatever is still recorded is left over
	// from a deactivation that did not finish (n8n 1.x does not save static data when delete()
	// throws): subscribe anew, and create() removes the leftovers. At boot ('init') and in the
	// other modes the record is trusted, so a restart never subscribes twice.
	if (this.getActivationMode() === 'activate') return false;
	const state = triggerState(this);
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!state.token || !webhookUrl || state.webhookUrl !== webhookUrl) return false;
	if (!Array.isArray(state.subscriptions) || state.subscriptions.length === 0) return false;
	if (state.credential !== (await credentialFingerprint(this))) return false;
	const need = new Set(wanted(this, webhookUrl, state.token).map(subscriptionKey));
	const have = new Set(state.subscriptions.map(subscriptionKey));
	return need.size === have.size && [...need].every((key) => have.has(key));
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(this.getNode(), 'n8n gave this trigger no webhook address', {
			description: WEBHOOK_URL_HELP,
		});
	}
	const baseUrl = await getBaseUrl.call(this);
	const reason = isAtlasCloud(baseUrl) ? undeliverableReason(webhookUrl) : undefined;
	if (reason) {
		throw new NodeOperationError(this.getNode(), `Atlas cannot deliver events to this n8n: ${reason}`, {
			description: WEBHOOK_URL_HELP,
		});
	}

	// Whatever an earlier activation left recorded goes after the new subscriptions are in.
	const earlier = Array.isArray(state.subscriptions) ? state.subscriptions : [];
	const token = newToken();
	const needed = wanted(this, webhookUrl, token);

	const made: Subscription[] = [];
	const results = await mapSettled(needed, SUBSCRIBE_CONCURRENCY, async (subscription) => {
		await subscribe.call(this, subscription);
		made.push(subscription);
	});
	const failed = results.find((result) => !result.ok);
	if (failed && !failed.ok) {
		const leftOver = await removeAll(this, made);
		state.subscriptions = [...earlier, ...leftOver];
		throw activationError(this, failed.input, failed.error, needed.length, leftOver);
	}

	Object.assign(state, {
		token,
		webhookUrl,
		credential: await credentialFingerprint(this),
		subscriptions: made,
	});
	if (earlier.length > 0) {
		const stillThere = await removeAll(this, earlier);
		if (stillThere.length > 0) {
			// Kept recorded so that deactivation tries again; the new ones already work.
			state.subscriptions = [...made, ...stillThere];
			this.logger.warn(
				`Atlas Trigger: ${stillThere.length} subscription(s) from an earlier activation could not be removed yet; deactivation will try again`,
				{ workflowId: this.getWorkflow().id, node: this.getNode().name },
			);
		}
	}
	if (isListening(this) && sendSampleWhenListening(this)) {
		// the samples are read now, the POST runs in the background: listening never waits
		// for, nor fails because of, the sample
		const { events, campaignIds } = readTriggerParameters(this);
		await startSampleDelivery(this, webhookUrl, token, events, campaignIds);
	}
	return true;
}

/** "Listen for test event": n8n calls create() with mode and activation mode 'manual'. */
export function isListening(ctx: IHookFunctions): boolean {
	return ctx.getMode() === 'manual' && ctx.getActivationMode() === 'manual';
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const recorded = Array.isArray(state.subscriptions) ? state.subscriptions : [];
	const results = await mapSettled(recorded, SUBSCRIBE_CONCURRENCY, async (s) => await unsubscribe.call(this, s));
	const remaining = results.filter((result) => !result.ok);
	state.subscriptions = remaining.map((result) => result.input);
	if (remaining.length === 0) {
		delete state.token;
		delete state.webhookUrl;
		delete state.credential;
		return true;
	}
	const list = remaining
		.map((result) => `${describeSubscription(result.input)} (${errorText(result.ok ? undefined : result.error)})`)
		.join('; ');
	throw new NodeApiError(
		this.getNode(),
		{ message: 'Some Atlas subscriptions could not be removed' },
		{
			message: `${remaining.length} of ${recorded.length} Atlas subscription(s) could not be removed: ${list}`,
			description:
				'They stay recorded on this trigger, so activating and deactivating the workflow again retries them. You can also remove them with the Atlas node (Webhook > Unsubscribe). Until then Atlas may keep sending those events; this trigger ignores them.',
		},
	);
}

/** Unsubscribes each; answers those that could not be removed. */
async function removeAll(ctx: IHookFunctions, subscriptions: Subscription[]): Promise<Subscription[]> {
	const results = await mapSettled(subscriptions, SUBSCRIBE_CONCURRENCY, async (s) => await unsubscribe.call(ctx, s));
	return results.filter((result) => !result.ok).map((result) => result.input);
}

function errorText(error: unknown): string {
	if (error && typeof error === 'object' && 'message' in error) return String((error as Error).message);
	return 'unknown error';
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
	const campaign =
		subscription.campaignId === ALL_CAMPAIGNS ? 'all campaigns' : `campaign "${subscription.campaignId}"`;
	return new NodeApiError(
		ctx.getNode(),
		{ message: errorText(error) },
		{
			message: `Could not subscribe to "${subscription.triggerName}" for ${campaign}: ${errorText(error)}`,
			description: [description, `${total} subscription(s) were needed. ${cleanup}`]
				.filter(Boolean)
				.join(' '),
			httpCode: (error as { httpCode?: string } | undefined)?.httpCode ?? undefined,
		},
	);
}

