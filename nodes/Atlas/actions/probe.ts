import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { networkFailure } from '../../shared/network';

/*
 * Webhook > Clean Up Orphaned Subscriptions asks n8n itself whether a subscription's hook URL
 * is still owned: it POSTs an empty delivery (`[]`) to it, exactly as Atlas would deliver.
 * - An active Atlas Trigger holding that token answers 200 and, for an empty delivery, starts
 *   no execution; one whose token changed since (a later activation) answers 401.
 * - n8n answers 404 when no active workflow (or no test listener) has that webhook.
 *
 * The request goes to n8n, not to Atlas, so it is made WITHOUT the Atlas credential: sending the
 * api-key to a webhook address would hand it to whoever serves that address. This is the one
 * module of the Atlas node allowed to call helpers.httpRequest for that reason
 * (eslint.config.mjs, PLAIN_HTTP_MODULES).
 */

const PROBE_TIMEOUT_MS = 15_000;

export type ProbeResult = { ok: true; status: number } | { ok: false; failure: string };

/** POSTs `[]` to a hook URL; answers its HTTP status, or in words why there was none. */
export async function probeHookUrl(ctx: IExecuteFunctions, url: string): Promise<ProbeResult> {
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			// as text: n8n's request helper drops an empty array or object body
			body: '[]',
			headers: { 'content-type': 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: PROBE_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
		return { ok: true, status: response.statusCode };
	} catch (error) {
		return { ok: false, failure: networkFailure(error) };
	}
}
