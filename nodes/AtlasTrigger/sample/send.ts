import type { IHookFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/atlas/events';
import { errorText } from '../../shared/util/errors';
import type { SampleEvent } from './collect';
import { collectSamples } from './collect';
import type { SampleEnvelope } from './envelope';
import { SAMPLE_ENVELOPE_VERSION, sampleUrl } from './envelope';

/*
 * Send Sample When Listening: when "Listen for test event" starts, the trigger posts one sample
 * of each selected event to its own test URL, so the editor shows an execution at once (create()
 * cannot start an execution; only a request to the test URL can). The POST goes to n8n, not to
 * Atlas, so it is made WITHOUT the Atlas credential (helpers.httpRequest; eslint.config.mjs
 * allows it in this module only); the token in the URL authorises it. Why it is built this way
 * (fetch inside create(), wait and retry a 401): docs/ARCHITECTURE.md, "Samples".
 */

const FIRST_DELAY_MS = 500;
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 3_000];
const POST_TIMEOUT_MS = 15_000;

/**
 * Fetches the samples (Atlas's, else built-in: this never throws), then posts them in the
 * background; the background part logs its own outcome and never throws.
 */
export async function startSampleDelivery(
	ctx: IHookFunctions,
	webhookUrl: string,
	token: string,
	nonce: string,
	events: string[],
	campaignIds: string[],
): Promise<void> {
	const meta = { workflowId: ctx.getWorkflow().id, node: ctx.getNode().name };
	const campaignId = campaignIds.includes(ALL_CAMPAIGNS)
		? ALL_CAMPAIGNS
		: (campaignIds[0] ?? ALL_CAMPAIGNS);
	const { samples, fallbacks } = await collectSamples(ctx, events, campaignId);
	if (fallbacks.length > 0)
		ctx.logger.info(`Atlas Trigger: built-in sample used for ${fallbacks.join('; ')}`, meta);
	void postSamples(ctx, sampleUrl(webhookUrl, token, nonce), samples).then(
		(outcome) => {
			ctx.logger.info(`Atlas Trigger: sample delivery ${outcome}`, meta);
		},
		(error: unknown) => {
			ctx.logger.warn(
				`Atlas Trigger: the sample for "Listen for test event" could not be delivered (${errorText(error)}). Listening goes on: real events still arrive. If n8n cannot reach its own webhook address, turn off Send Sample When Listening.`,
				meta,
			);
		},
	);
}

async function postSamples(
	ctx: IHookFunctions,
	url: string,
	samples: SampleEvent[],
): Promise<string> {
	await sleep(FIRST_DELAY_MS);
	const body: SampleEnvelope = {
		atlasTriggerSample: SAMPLE_ENVELOPE_VERSION,
		samples: samples.map((s: SampleEvent) => ({
			event: s.event,
			source: s.source,
			payload: s.payload,
		})),
	};
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
