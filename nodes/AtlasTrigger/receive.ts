import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkAndRecord, hashKey } from '../shared/dedupe';
import { eventCampaignId, invalidEventItem, normalizeEvent } from '../shared/events';
import { ALL_CAMPAIGNS } from '../shared/fields';
import { isRecord } from '../shared/read';
import type { EnrichEntry } from './enrich';
import { enrich, rawCallId, wantsEnrichment } from './enrich';
import { EVENT_PARAM, TOKEN_PARAM, tokenMatches, tokenMatchesHash } from './hookUrl';
import type { TriggerState } from './lifecycle';
import type { ReceiveOptions } from './parameters';
import { readReceiveOptions, readTriggerParameters } from './parameters';
import { readSampleEnvelope, SAMPLE_NOTE, SAMPLE_PARAM } from './sample';

/*
 * Receiving a delivery. The node answers the HTTP request itself, before n8n starts the
 * execution (`noWebhookResponse`): Atlas gets its 200 at once, and n8n saves the node's
 * static data (the de-duplication record) before it builds the execution. On n8n 2.x, where
 * n8n would otherwise answer only after building the execution, that build resets the
 * static data's change flag and the record would silently not be saved.
 */

export interface DeliveryReport extends IDataObject {
	received: number;
	accepted: number;
	duplicates: number;
	ignored: number;
	invalid: number;
	/** Accepted events that are checked with Atlas after this answer (Fetch Full Call Record). */
	toConfirm?: number;
}

function reply(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Content types n8n turns into an object itself (XML, form fields, multipart): that object is
 * not the sender's JSON, so only the raw bytes count for these.
 */
function parsedByN8nAsNonJson(ctx: IWebhookFunctions): boolean {
	const header = ctx.getHeaderData()['content-type'];
	const type = (typeof header === 'string' ? header : '').split(';')[0].trim().toLowerCase();
	return (
		type.endsWith('/xml') ||
		type.endsWith('+xml') ||
		type === 'application/x-www-form-urlencoded' ||
		type.startsWith('multipart/')
	);
}

/**
 * Deeper than this is no Atlas event. n8n stores an execution whatever its depth, but cannot
 * read one nested thousands of levels deep back (the executions API and the editor fail with
 * "Maximum call stack size exceeded"), so such a delivery is refused before it gets there.
 */
export const MAX_JSON_DEPTH = 64;

/** True when the value nests objects/arrays more than `limit` levels deep (no recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (current === null || typeof current !== 'object') continue;
		if (depth > limit) return true;
		for (const child of Array.isArray(current) ? current : Object.values(current as IDataObject)) {
			if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
		}
	}
	return false;
}

/** The delivery's JSON, whatever n8n made of the body; `undefined` when it is not JSON. */
function readBody(ctx: IWebhookFunctions): { ok: true; value: unknown } | { ok: false } {
	const req = ctx.getRequestObject() as unknown as { body?: unknown; rawBody?: unknown };
	const parsed = parsedByN8nAsNonJson(ctx) ? undefined : req.body;
	// n8n has parsed JSON bodies already; parsing again would only cost time
	if (Array.isArray(parsed) || (isRecord(parsed) && Object.keys(parsed).length > 0)) {
		return { ok: true, value: parsed };
	}
	const raw = req.rawBody;
	const text =
		raw instanceof Uint8Array
			? new TextDecoder().decode(raw)
			: typeof raw === 'string'
				? raw
				: typeof parsed === 'string'
					? parsed
					: undefined;
	// no raw bytes to look at: trust what n8n parsed; raw bytes that are empty are not JSON
	if (text === undefined) return isRecord(parsed) ? { ok: true, value: parsed } : { ok: false };
	if (text.trim() === '') return { ok: false };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const query = this.getQueryData() as IDataObject;
	const workflowId = this.getWorkflow().id;

	// checked against the token's hash: no credential read per delivery; a `token` in clear is
	// from an activation by an earlier version, honoured until the next activation
	const authorised =
		typeof state.tokenHash === 'string'
			? tokenMatchesHash(state.tokenHash, query[TOKEN_PARAM])
			: tokenMatches(state.token, query[TOKEN_PARAM]);
	if (!authorised) {
		this.logger.warn('Atlas Trigger: rejected a delivery without a valid token (401)', {
			workflowId,
			node: this.getNode().name,
			tokenPresent: query[TOKEN_PARAM] !== undefined,
		});
		return reply(this, 401, {
			error: 'Unauthorized',
			message: 'This address accepts only deliveries from the Atlas subscription it made.',
		});
	}

	const body = readBody(this);
	if (!body.ok) {
		this.logger.warn('Atlas Trigger: rejected a delivery whose body is not JSON (400)', { workflowId });
		return reply(this, 400, { error: 'Bad Request', message: 'The body must be a JSON array of Atlas events.' });
	}
	if (nestedDeeperThan(body.value, MAX_JSON_DEPTH)) {
		this.logger.warn(`Atlas Trigger: rejected a delivery nested more than ${MAX_JSON_DEPTH} levels deep (400)`, { workflowId });
		return reply(this, 400, {
			error: 'Bad Request',
			message: `The body is nested more than ${MAX_JSON_DEPTH} levels deep; Atlas events are not.`,
		});
	}
	const events = Array.isArray(body.value) ? body.value : isRecord(body.value) ? [body.value] : undefined;
	if (events === undefined) {
		this.logger.warn('Atlas Trigger: rejected a delivery that is not an array of events (400)', { workflowId });
		return reply(this, 400, { error: 'Bad Request', message: 'The body must be a JSON array of Atlas events.' });
	}

	if (query[SAMPLE_PARAM] !== undefined) return await receiveSample(this, body.value, workflowId);

	const { events: selectedEvents, campaignIds } = readTriggerParameters(this);
	const event = typeof query[EVENT_PARAM] === 'string' ? query[EVENT_PARAM] : '';
	const report: DeliveryReport = { received: events.length, accepted: 0, duplicates: 0, ignored: 0, invalid: 0 };
	if (!selectedEvents.includes(event)) {
		// a subscription this trigger no longer wants (or a stale one): acknowledge, run nothing
		report.ignored = events.length;
		return reply(this, 200, report);
	}

	const options = readReceiveOptions(this);
	const wantedCampaigns = campaignIds.includes(ALL_CAMPAIGNS) ? undefined : new Set(campaignIds);

	// in delivery order; `key` undefined marks an invalid event emitted with its error
	const entries: Array<{ item: IDataObject; valid: boolean; key: string | undefined; callId: string | undefined }> = [];
	for (const raw of events) {
		const campaignId = eventCampaignId(raw);
		if (wantedCampaigns && campaignId !== undefined && !wantedCampaigns.has(campaignId)) {
			report.ignored++;
			continue;
		}
		const normalized = normalizeEvent(event, raw, options.output);
		if (!normalized.ok) {
			report.invalid++;
			if (options.onInvalidEvent === 'emit') {
				entries.push({ item: invalidEventItem(event, raw, normalized.reason), valid: false, key: undefined, callId: undefined });
			}
			continue;
		}
		entries.push({ item: normalized.item, valid: true, key: normalized.dedupeKey, callId: rawCallId(event, raw) });
	}

	const valid = entries.filter((entry) => entry.valid);
	const duplicate = options.dedupe
		? checkAndRecord(
				state,
				`${workflowId}|${this.getNode().name}|${hashKey(String(state.tokenHash ?? state.token))}`,
				valid.map((entry) => entry.key),
				options.dedupe,
			)
		: valid.map(() => false);
	const dropped = new Set(valid.filter((_, index) => duplicate[index]));
	report.duplicates = dropped.size;
	report.accepted = valid.length - dropped.size;
	const kept = entries.filter((entry) => !dropped.has(entry));

	if (report.invalid > 0) {
		this.logger.warn(
			`Atlas Trigger: ${report.invalid} of ${report.received} event(s) in a delivery could not be read` +
				(options.onInvalidEvent === 'emit' ? ' (emitted with an "error" field)' : ' (skipped)'),
			{ workflowId, event },
		);
	}
	return await answerThenEmit(
		this,
		report,
		kept.map((entry) => ({ item: entry.item, event, callId: entry.valid ? entry.callId : undefined })),
		options,
		{ workflowId, event },
	);
}

/**
 * Answers the delivery first (Atlas gets its 200 at once), then enriches the items when an
 * option asks for it, then starts the execution. The answer stays `noWebhookResponse`, so n8n
 * still saves static data (see the top of this file) however long enrichment takes.
 */
async function answerThenEmit(
	ctx: IWebhookFunctions,
	report: DeliveryReport,
	entries: EnrichEntry[],
	options: ReceiveOptions,
	meta: IDataObject,
): Promise<IWebhookResponseData> {
	const enriching = wantsEnrichment(options) && entries.some((entry) => entry.callId !== undefined);
	if (enriching && options.fetchCallRecord) {
		report.toConfirm = entries.filter((entry) => entry.callId !== undefined).length;
	}
	reply(ctx, 200, report);
	let items: INodeExecutionData[];
	if (enriching) {
		const result = await enrich(ctx, entries, options);
		items = result.items;
		const { unconfirmed, lookupFailed, recordingFailed } = result.report;
		if (unconfirmed > 0) {
			ctx.logger.warn(
				`Atlas Trigger: dropped ${unconfirmed} of ${report.accepted} event(s) of a delivery: Atlas does not know their call (404; Drop Events Atlas Does Not Confirm)`,
				{ ...meta, received: report.received, accepted: report.accepted, unconfirmed },
			);
		}
		if (lookupFailed > 0 || recordingFailed > 0) {
			ctx.logger.warn(
				`Atlas Trigger: ${lookupFailed} call lookup(s) and ${recordingFailed} recording download(s) failed; the events are emitted with callRecordError / recordingError`,
				meta,
			);
		}
	} else {
		items = entries.map((entry) => ({ json: entry.item }));
	}
	return items.length > 0 ? { noWebhookResponse: true, workflowData: [items] } : { noWebhookResponse: true };
}

/**
 * A sample delivery (Send Sample When Listening), trusted only with the valid token (checked
 * before) and only on the test URL: on the production URL it is refused with 403 and starts
 * nothing, so a sample can never reach a production execution. Samples skip de-duplication
 * and are marked `sample: true`.
 */
async function receiveSample(ctx: IWebhookFunctions, value: unknown, workflowId: string | undefined): Promise<IWebhookResponseData> {
	if (ctx.getMode() !== 'manual') {
		ctx.logger.warn('Atlas Trigger: refused a sample delivery on the production URL (403)', { workflowId });
		return reply(ctx, 403, {
			error: 'Forbidden',
			message: 'Samples are accepted only on the test URL, while listening for a test event.',
		});
	}
	const samples = readSampleEnvelope(value);
	if (samples === undefined) {
		return reply(ctx, 400, { error: 'Bad Request', message: 'The body is not a sample delivery.' });
	}
	const { events: selectedEvents } = readTriggerParameters(ctx);
	const options = readReceiveOptions(ctx);
	const report: DeliveryReport = { received: samples.length, accepted: 0, duplicates: 0, ignored: 0, invalid: 0 };
	const entries: EnrichEntry[] = [];
	for (const sample of samples) {
		if (!selectedEvents.includes(sample.event)) {
			report.ignored++;
			continue;
		}
		const normalized = normalizeEvent(sample.event, sample.payload, options.output);
		if (!normalized.ok) {
			report.invalid++;
			entries.push({ item: invalidEventItem(sample.event, sample.payload, normalized.reason), event: sample.event, callId: undefined });
			continue;
		}
		report.accepted++;
		const item: IDataObject = { ...normalized.item, sample: true, sampleSource: sample.source, sampleNote: SAMPLE_NOTE };
		if (item.event === undefined) item.event = sample.event; // Output: Raw
		entries.push({ item, event: sample.event, callId: rawCallId(sample.event, sample.payload), sampleSource: sample.source });
	}
	return await answerThenEmit(ctx, report, entries, options, { workflowId, sample: true });
}
