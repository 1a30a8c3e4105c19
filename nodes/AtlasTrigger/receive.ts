import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkAndRecord, hashKey } from '../shared/dedupe';
import { eventCampaignId, invalidEventItem, normalizeEvent } from '../shared/events';
import { ALL_CAMPAIGNS } from '../shared/fields';
import { isRecord } from '../shared/read';
import { EVENT_PARAM, TOKEN_PARAM, tokenMatches } from './hookUrl';
import type { TriggerState } from './lifecycle';
import { readReceiveOptions, readTriggerParameters } from './parameters';

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

	if (!tokenMatches(state.token, query[TOKEN_PARAM])) {
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
	const entries: Array<{ item: IDataObject; valid: boolean; key: string | undefined }> = [];
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
				entries.push({ item: invalidEventItem(event, raw, normalized.reason), valid: false, key: undefined });
			}
			continue;
		}
		entries.push({ item: normalized.item, valid: true, key: normalized.dedupeKey });
	}

	const valid = entries.filter((entry) => entry.valid);
	const duplicate = options.dedupe
		? checkAndRecord(
				state,
				`${workflowId}|${this.getNode().name}|${hashKey(String(state.token))}`,
				valid.map((entry) => entry.key),
				options.dedupe,
			)
		: valid.map(() => false);
	const dropped = new Set(valid.filter((_, index) => duplicate[index]));
	report.duplicates = dropped.size;
	report.accepted = valid.length - dropped.size;
	const items: INodeExecutionData[] = entries
		.filter((entry) => !dropped.has(entry))
		.map((entry) => ({ json: entry.item }));

	if (report.invalid > 0) {
		this.logger.warn(
			`Atlas Trigger: ${report.invalid} of ${report.received} event(s) in a delivery could not be read` +
				(options.onInvalidEvent === 'emit' ? ' (emitted with an "error" field)' : ' (skipped)'),
			{ workflowId, event },
		);
	}
	reply(this, 200, report);
	return items.length > 0 ? { noWebhookResponse: true, workflowData: [items] } : { noWebhookResponse: true };
}
