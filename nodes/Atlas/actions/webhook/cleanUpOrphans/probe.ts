import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { networkFailure } from '../../../../shared/transport/network';

/*
 * Asks n8n itself whether a hook URL is still owned: an empty delivery (`[]`), exactly as Atlas
 * would deliver; an Atlas Trigger starts no execution for it (verdict.ts reads the answer).
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
