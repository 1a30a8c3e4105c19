import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapSettled } from '../shared/concurrency';
import { ALL_CAMPAIGNS } from '../shared/fields';
import type { Subscription } from '../shared/subscriptions';
import { describeSubscription, PROVIDER, subscribe, unsubscribe } from '../shared/subscriptions';
import { CREDENTIAL_NAME, getBaseUrl, isAtlasCloud } from '../shared/transport';
import {
	buildHookUrl,
	deriveToken,
	hashToken,
	newNonce,
	undeliverableReason,
	WEBHOOK_URL_HELP,
} from './hookUrl';
import { readTriggerParameters, sendSampleWhenListening } from './parameters';
import { startSampleDelivery } from './sample';

/*
 * What the node keeps in its static data between activation, deliveries and deactivation.
 * n8n 1.123 stores a copy of it with every execution, so it holds nothing that gives the
 * webhook token: the token is derived from `nonce` with the credential's api-key (hookUrl.ts),
 * and deliveries are checked against `tokenHash`.
 *
 * `subscriptions` is exactly what Atlas holds for this node: added when a subscribe succeeds,
 * removed when an unsubscribe does. A record is `{ campaignId, triggerName, provider }`; its
 * hookUrl is rebuilt from `webhookUrl`, the event and the token. A record left over from
 * another activation (kept to be removed later) names that activation's `nonce`, `webhookUrl`
 * and `credential`. Records with a `hookUrl`, and a `token` in clear, are written by earlier
 * versions: still read, so their activations keep delivering and deactivate cleanly.
 */
export interface StoredSubscription extends IDataObject {
	campaignId: string;
	triggerName: string;
	provider: string;
	nonce?: string;
	webhookUrl?: string;
	credential?: string;
	/** earlier versions only */
	hookUrl?: string;
}

export interface TriggerState extends IDataObject {
	nonce?: string;
	tokenHash?: string;
	webhookUrl?: string;
	credential?: string;
	subscriptions?: StoredSubscription[];
	/** earlier versions only */
	token?: string;
}

/** Subscriptions made or removed at once: fast activation without a burst Atlas might refuse. */
export const SUBSCRIBE_CONCURRENCY = 8;

export function triggerState(ctx: IHookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

interface Account {
	apiKey: string;
	/** Identifies the account the subscriptions were made with, without keeping the key itself. */
	fingerprint: string;
}

async function account(ctx: IHookFunctions): Promise<Account> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const baseUrl = await getBaseUrl.call(ctx);
	const apiKey = String(credentials.apiKey ?? '');
	const fingerprint = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('base64url').slice(0, 16);
	return { apiKey, fingerprint };
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

function recorded(state: TriggerState): StoredSubscription[] {
	return Array.isArray(state.subscriptions) ? state.subscriptions : [];
}

/** What static data keeps of a subscription of the activation `state` describes. */
function stored(subscription: Subscription): StoredSubscription {
	const { campaignId, triggerName, provider } = subscription;
	return { campaignId, triggerName, provider };
}

/** The same record, made self-contained: it names its activation, for when `state` moves on. */
function detached(record: StoredSubscription, state: TriggerState): StoredSubscription {
	if (record.hookUrl !== undefined || record.nonce !== undefined) return record;
	return { ...record, nonce: state.nonce, webhookUrl: state.webhookUrl, credential: state.credential };
}

/**
 * The four values Atlas knows each recorded subscription by. `lost` are those whose hookUrl
 * cannot be rebuilt: made with another api-key (or Atlas address) than the credential's now.
 */
function rebuild(
	state: TriggerState,
	records: StoredSubscription[],
	current: Account,
): { subscriptions: Array<{ record: StoredSubscription; subscription: Subscription }>; lost: StoredSubscription[] } {
	const subscriptions: Array<{ record: StoredSubscription; subscription: Subscription }> = [];
	const lost: StoredSubscription[] = [];
	for (const record of records) {
		const { campaignId, triggerName, provider } = record;
		if (typeof record.hookUrl === 'string') {
			subscriptions.push({ record, subscription: { hookUrl: record.hookUrl, campaignId, triggerName, provider } });
			continue;
		}
		const nonce = record.nonce ?? state.nonce;
		const webhookUrl = record.webhookUrl ?? state.webhookUrl;
		const credential = record.nonce !== undefined ? record.credential : state.credential;
		if (typeof nonce !== 'string' || typeof webhookUrl !== 'string' || credential !== current.fingerprint) {
			lost.push(record);
			continue;
		}
		const hookUrl = buildHookUrl(webhookUrl, triggerName, deriveToken(current.apiKey, nonce));
		subscriptions.push({ record, subscription: { hookUrl, campaignId, triggerName, provider } });
	}
	return { subscriptions, lost };
}

function warnLost(ctx: IHookFunctions, lost: StoredSubscription[]): void {
	if (lost.length === 0) return;
	ctx.logger.warn(
		`Atlas Trigger: ${lost.length} subscription(s) made with a previous api-key (or Atlas address) of the credential could not be rebuilt to be removed; Atlas may keep them, and this trigger answers them 401. Remove them with the Atlas node: Webhook > Clean Up Orphaned Subscriptions`,
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name, subscriptions: lost.map(describeSubscription) },
	);
}

/** The token of the activation recorded in `state`, or undefined when none can be had. */
function currentToken(state: TriggerState, current: Account): string | undefined {
	if (typeof state.nonce === 'string') return deriveToken(current.apiKey, state.nonce);
	return typeof state.token === 'string' && state.token !== '' ? state.token : undefined;
}

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
	const need = new Set(wanted(this, webhookUrl, token).map(subscriptionKey));
	const have = new Set(subscriptions.map((s) => subscriptionKey(s.subscription)));
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
	const earlier = recorded(state).map((record) => detached(record, state));
	const current = await account(this);
	const nonce = newNonce();
	const token = deriveToken(current.apiKey, nonce);
	const needed = wanted(this, webhookUrl, token);
	const generation = { nonce, webhookUrl, credential: current.fingerprint };

	const made: Subscription[] = [];
	const results = await mapSettled(needed, SUBSCRIBE_CONCURRENCY, async (subscription) => {
		await subscribe.call(this, subscription);
		made.push(subscription);
	});
	const failed = results.find((result) => !result.ok);
	if (failed && !failed.ok) {
		const leftOver = await removeAll(this, made);
		// the failed activation's nonce is not the state's: its leftovers name it themselves
		state.subscriptions = [...earlier, ...leftOver.map((s) => ({ ...stored(s), ...generation }))];
		throw activationError(this, failed.input, failed.error, needed.length, leftOver);
	}

	delete state.token; // an earlier version's token in clear
	Object.assign(state, {
		nonce,
		tokenHash: hashToken(token),
		webhookUrl,
		credential: current.fingerprint,
		subscriptions: made.map(stored),
	});
	if (earlier.length > 0) {
		const { subscriptions: rebuilt, lost } = rebuild(state, earlier, current);
		warnLost(this, lost);
		const stillThere = await removeAll(this, rebuilt);
		if (stillThere.length > 0) {
			// Kept recorded so that deactivation tries again; the new ones already work.
			state.subscriptions = [...made.map(stored), ...stillThere.map((s) => s.record)];
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
	const records = recorded(state);
	const { subscriptions, lost } =
		records.length > 0 ? rebuild(state, records, await account(this)) : { subscriptions: [], lost: [] };
	warnLost(this, lost);
	const results = await mapSettled(subscriptions, SUBSCRIBE_CONCURRENCY, async (s) => await unsubscribe.call(this, s.subscription));
	const remaining = results.filter((result) => !result.ok);
	state.subscriptions = remaining.map((result) => result.input.record);
	if (remaining.length === 0) {
		delete state.token;
		delete state.nonce;
		delete state.tokenHash;
		delete state.webhookUrl;
		delete state.credential;
		return true;
	}
	const list = remaining
		.map((result) => `${describeSubscription(result.input.subscription)} (${errorText(result.ok ? undefined : result.error)})`)
		.join('; ');
	throw new NodeApiError(
		this.getNode(),
		{ message: 'Some Atlas subscriptions could not be removed' },
		{
			message: `${remaining.length} of ${records.length} Atlas subscription(s) could not be removed: ${list}`,
			description:
				'They stay recorded on this trigger, so activating and deactivating the workflow again retries them. You can also remove them with the Atlas node (Webhook > Unsubscribe). Until then Atlas may keep sending those events; this trigger ignores them.',
		},
	);
}

/** Unsubscribes each; answers those that could not be removed. */
async function removeAll<T extends Subscription | { subscription: Subscription }>(ctx: IHookFunctions, subscriptions: T[]): Promise<T[]> {
	const results = await mapSettled(subscriptions, SUBSCRIBE_CONCURRENCY, async (s) =>
		await unsubscribe.call(ctx, 'subscription' in s ? s.subscription : s),
	);
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

