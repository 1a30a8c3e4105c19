import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { errorText } from '../../shared/util/errors';
import { NONCE_PARAM, TOKEN_PARAM } from '../activation/hookUrl';
import type { TriggerState } from '../activation/state';
import { account, detached, recorded, stored, wantedSubscriptions } from '../activation/state';
import {
	deriveToken,
	hashToken,
	nonceTime,
	tokenMatches,
	tokenMatchesHash,
} from '../activation/token';

/*
 * Who may deliver. The fast path checks the token against the hash static data keeps: no
 * credential read. When it does not match, static data may simply not name the delivery's
 * activation: an activation still making its other subscriptions, or a copy of static data
 * read before an edit and written back by a delivery that ran across it. Then the token is
 * checked with the api-key against the nonce in the URL, and accepted when it is this
 * credential's and no older than the activation static data names; static data is then made
 * to name that activation again (healed), so the next delivery takes the fast path.
 */

export type Authorisation = 'hash' | 'api-key' | false;

export async function authorise(
	ctx: IWebhookFunctions,
	state: TriggerState,
	query: IDataObject,
): Promise<Authorisation> {
	const token = query[TOKEN_PARAM];
	// a `token` kept in clear is from an activation by an earlier version
	const fast =
		typeof state.tokenHash === 'string'
			? tokenMatchesHash(state.tokenHash, token)
			: tokenMatches(state.token, token);
	if (fast) return 'hash';

	const nonce = query[NONCE_PARAM];
	const made = nonceTime(nonce);
	if (typeof nonce !== 'string' || typeof token !== 'string' || made === undefined) return false;
	// an older activation's subscription stays refused (Clean Up Orphaned Subscriptions reads 401)
	const recordedTime = nonceTime(state.nonce);
	if (recordedTime !== undefined && made < recordedTime) return false;
	let current;
	try {
		current = await account(ctx);
	} catch (error) {
		ctx.logger.warn(
			`Atlas Trigger: could not read the Atlas credential to check a delivery (${errorText(error)})`,
			{
				workflowId: ctx.getWorkflow().id,
			},
		);
		return false;
	}
	if (!tokenMatches(deriveToken(current.apiKey, nonce), token)) return false;
	if (state.nonce !== nonce) heal(ctx, state, nonce, token, current.fingerprint);
	return 'api-key';
}

/** Static data names the delivery's activation again; what it recorded of others stays. */
function heal(
	ctx: IWebhookFunctions,
	state: TriggerState,
	nonce: string,
	token: string,
	fingerprint: string,
): void {
	const webhookUrl = ctx.getNodeWebhookUrl('default');
	if (!webhookUrl) return;
	const others = recorded(state)
		.map((record) => detached(record, state))
		.filter((record) => record.nonce !== nonce);
	delete state.token;
	Object.assign(state, { nonce, tokenHash: hashToken(token), webhookUrl, credential: fingerprint });
	state.subscriptions = [
		...wantedSubscriptions(ctx, webhookUrl, nonce, token).map(stored),
		...others,
	];
	ctx.logger.info(
		'Atlas Trigger: a delivery came from a subscription of this trigger that its saved state did not name (an edit or activation was under way); the state names it again',
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
}
