import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Subscription } from '../../shared/model/subscription';
import { PROVIDER } from '../../shared/model/subscription';
import { CREDENTIAL_NAME, getBaseUrl } from '../../shared/transport/request';
import { readTriggerParameters } from '../parameters';
import { buildHookUrl } from './hookUrl';
import { deriveToken } from './token';

/*
 * What the node keeps in its static data between activation, deliveries and deactivation.
 * n8n 1.123 stores a copy of it with every execution, so it holds nothing that gives the
 * webhook token: the token is derived from `nonce` with the credential's api-key (token.ts),
 * and deliveries are checked against `tokenHash`.
 *
 * n8n writes a delivery's copy of static data back whole when the delivery ends, so a copy read
 * before an activation may be written over it: nothing here decides alone who may deliver
 * (authorise.ts checks the token with the api-key when the hash does not match) or what
 * deactivation removes (it also asks Atlas what is subscribed to this node's address).
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

export function triggerState(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

export interface Account {
	apiKey: string;
	/** Identifies the account the subscriptions were made with, without keeping the key itself. */
	fingerprint: string;
}

export async function account(ctx: IHookFunctions | IWebhookFunctions): Promise<Account> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const baseUrl = await getBaseUrl.call(ctx);
	const apiKey = String(credentials.apiKey ?? '');
	const fingerprint = createHash('sha256')
		.update(`${baseUrl}\n${apiKey}`)
		.digest('base64url')
		.slice(0, 16);
	return { apiKey, fingerprint };
}

/** The subscriptions the current parameters need, for one activation's nonce and token. */
export function wantedSubscriptions(
	ctx: IHookFunctions | IWebhookFunctions,
	webhookUrl: string,
	nonce: string | undefined,
	token: string,
): Subscription[] {
	const { events, campaignIds } = readTriggerParameters(ctx);
	return events.flatMap((triggerName) =>
		campaignIds.map((campaignId) => ({
			hookUrl: buildHookUrl(webhookUrl, triggerName, token, nonce),
			campaignId,
			triggerName,
			provider: PROVIDER,
		})),
	);
}

export const subscriptionKey = (s: Subscription) =>
	`${s.triggerName}\n${s.campaignId}\n${s.hookUrl}\n${s.provider}`;

export function recorded(state: TriggerState): StoredSubscription[] {
	return Array.isArray(state.subscriptions) ? state.subscriptions : [];
}

/** What static data keeps of a subscription of the activation `state` describes. */
export function stored(subscription: Subscription): StoredSubscription {
	const { campaignId, triggerName, provider } = subscription;
	return { campaignId, triggerName, provider };
}

/** The same record, made self-contained: it names its activation, for when `state` moves on. */
export function detached(record: StoredSubscription, state: TriggerState): StoredSubscription {
	if (record.hookUrl !== undefined || record.nonce !== undefined) return record;
	return {
		...record,
		nonce: state.nonce,
		webhookUrl: state.webhookUrl,
		credential: state.credential,
	};
}

/**
 * The four values Atlas knows each recorded subscription by. `lost` are those whose hookUrl
 * cannot be rebuilt: made with another api-key (or Atlas address) than the credential's now.
 */
export function rebuild(
	state: TriggerState,
	records: StoredSubscription[],
	current: Account,
): {
	subscriptions: Array<{ record: StoredSubscription; subscription: Subscription }>;
	lost: StoredSubscription[];
} {
	const subscriptions: Array<{ record: StoredSubscription; subscription: Subscription }> = [];
	const lost: StoredSubscription[] = [];
	for (const record of records) {
		const { campaignId, triggerName, provider } = record;
		if (typeof record.hookUrl === 'string') {
			subscriptions.push({
				record,
				subscription: { hookUrl: record.hookUrl, campaignId, triggerName, provider },
			});
			continue;
		}
		const nonce = record.nonce ?? state.nonce;
		const webhookUrl = record.webhookUrl ?? state.webhookUrl;
		const credential = record.nonce !== undefined ? record.credential : state.credential;
		if (
			typeof nonce !== 'string' ||
			typeof webhookUrl !== 'string' ||
			credential !== current.fingerprint
		) {
			lost.push(record);
			continue;
		}
		const hookUrl = buildHookUrl(
			webhookUrl,
			triggerName,
			deriveToken(current.apiKey, nonce),
			nonce,
		);
		subscriptions.push({ record, subscription: { hookUrl, campaignId, triggerName, provider } });
	}
	return { subscriptions, lost };
}

/** The token of the activation recorded in `state`, or undefined when none can be had. */
export function currentToken(state: TriggerState, current: Account): string | undefined {
	if (typeof state.nonce === 'string') return deriveToken(current.apiKey, state.nonce);
	return typeof state.token === 'string' && state.token !== '' ? state.token : undefined;
}
