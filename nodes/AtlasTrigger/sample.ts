import type { IDataObject, IHookFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../shared/fields';
import { isRecord } from '../shared/read';
import type { SampleEvent, SampleSource } from '../shared/samples';
import { collectSamples } from '../shared/samples';
import { TOKEN_PARAM } from './hookUrl';

/*
 * Send Sample When Listening. When "Listen for test event" starts (create() in manual mode),
 * the trigger posts one sample of each selected event to its own test URL, in the background,
 * so the editor shows an execution at once. Why a POST to itself: create() cannot start an
 * execution; only a request to the test URL can, exactly like Atlas's own deliveries.
 *
 * - The samples are fetched from Atlas inside create() (one GET per event, at once): on n8n
 *   2.41 an Atlas call made with the hook context after create() returned never left n8n.
 *   Only the POST to n8n runs in the background.
 * - The POST goes to n8n, not to Atlas: it is made WITHOUT the Atlas credential
 *   (helpers.httpRequest; eslint.config.mjs allows it in this module only). The token in the
 *   URL is what authorises it, as for Atlas.
 * - The token it puts in the URL is derived in create() (hookUrl.ts); it is never stored.
 * - It targets the public test URL n8n gave the trigger (WEBHOOK_URL). When n8n cannot reach
 *   its own public address (no hairpin NAT, split DNS, a tunnel that is down), the sample
 *   fails; that is logged as a warning and listening goes on for real events.
 * - n8n registers the test webhook before create() and saves the token into the registration
 *   only after create() returns: the POST waits a moment and retries a 401 (token not there
 *   yet) and network errors a few times. A 404 means listening already ended (a real event
 *   came first, or the user stopped): nothing more to do.
 * - Never in production: only create() in manual mode starts it, and the receiver rejects a
 *   sample on the production URL (403) even with the right token.
 */

export const SAMPLE_PARAM = 'sample';
export const SAMPLE_ENVELOPE_VERSION = 1;

const FIRST_DELAY_MS = 500;
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 3_000];
const POST_TIMEOUT_MS = 15_000;

export const SAMPLE_NOTE =
	'This is a sample, sent when you started listening, so you can map fields. Real events replace it once the workflow is active (or when you listen with Send Sample When Listening off).';

/** The body of a sample delivery: each event says which event it is a sample of. */
export interface SampleEnvelope extends IDataObject {
	atlasTriggerSample: number;
	samples: IDataObject[];
}

export function sampleUrl(webhookUrl: string, token: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SAMPLE_PARAM, '1');
	url.searchParams.set(TOKEN_PARAM, token);
	return url.toString();
}

/** The samples of a sample delivery, or undefined when the body is not one. */
export function readSampleEnvelope(body: unknown): Array<{ event: string; source: SampleSource; payload: unknown }> | undefined {
	if (!isRecord(body) || body.atlasTriggerSample !== SAMPLE_ENVELOPE_VERSION || !Array.isArray(body.samples)) {
		return undefined;
	}
	return body.samples.filter(isRecord).map((s) => ({
		event: String(s.event ?? ''),
		source: s.source === 'atlas' ? 'atlas' : 'built-in',
		payload: s.payload,
	}));
}

/**
 * Fetches the samples (Atlas's, else built-in: this never throws), then posts them in the
 * background; the background part logs its own outcome and never throws.
 */
export async function startSampleDelivery(
	ctx: IHookFunctions,
	webhookUrl: string,
	token: string,
	events: string[],
	campaignIds: string[],
): Promise<void> {
	const meta = { workflowId: ctx.getWorkflow().id, node: ctx.getNode().name };
	const campaignId = campaignIds.includes(ALL_CAMPAIGNS) ? ALL_CAMPAIGNS : campaignIds[0] ?? ALL_CAMPAIGNS;
	const { samples, fallbacks } = await collectSamples(ctx, events, campaignId);
	if (fallbacks.length > 0) ctx.logger.info(`Atlas Trigger: built-in sample used for ${fallbacks.join('; ')}`, meta);
	void postSamples(ctx, webhookUrl, token, samples).then(
		(outcome) => {
			ctx.logger.info(`Atlas Trigger: sample delivery ${outcome}`, meta);
		},
		(error: unknown) => {
			ctx.logger.warn(
				`Atlas Trigger: the sample for "Listen for test event" could not be delivered (${(error as Error)?.message ?? String(error)}). Listening goes on: real events still arrive. If n8n cannot reach its own webhook address, turn off Send Sample When Listening.`,
				meta,
			);
		},
	);
}

async function postSamples(ctx: IHookFunctions, webhookUrl: string, token: string, samples: SampleEvent[]): Promise<string> {
	await sleep(FIRST_DELAY_MS);
	const body: SampleEnvelope = {
		atlasTriggerSample: SAMPLE_ENVELOPE_VERSION,
		samples: samples.map((s: SampleEvent) => ({ event: s.event, source: s.source, payload: s.payload })),
	};
	const url = sampleUrl(webhookUrl, token);
	let last = '';
	for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
		if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]);
		let status: number;
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'POST',
				url,
				body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: POST_TIMEOUT_MS,
			})) as IN8nHttpFullResponse;
			status = response.statusCode;
		} catch (error) {
			const cause = error as { code?: string; cause?: { code?: string }; message?: string };
			last = `n8n's own test URL did not answer (${cause.cause?.code ?? cause.code ?? cause.message ?? 'no answer'})`;
			continue;
		}
		if (status >= 200 && status < 300) {
			return `done: ${samples.map((s) => `${s.event} (${s.source})`).join(', ')}`;
		}
		if (status === 404) return 'skipped: listening had already ended';
		last = `n8n's test URL answered HTTP ${status}`;
		if (status !== 401) break; // only a token not registered yet is worth waiting for
	}
	throw new Error(last || 'unknown failure');
}
