import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isRecord } from '../../shared/model/read';

/* Reading a delivery's body: the JSON Atlas sent, whatever n8n made of it. */

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
export function readBody(ctx: IWebhookFunctions): { ok: true; value: unknown } | { ok: false } {
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

/** Where a kept event says that parts of it were too deep to keep as they were. */
export const DEPTH_NOTE_FIELD = 'depthNote';

/** Parts of an event deeper than this (the event itself is level 1) are kept as JSON text. */
export const MAX_EVENT_DEPTH = MAX_JSON_DEPTH - 1;

function asJsonText(value: unknown): string {
	try {
		return JSON.stringify(value);
	} catch {
		return '"[nested too deep to keep]"';
	}
}

/**
 * Replaces every part of `event` nested deeper than `limit` with its JSON text, in place (no
 * recursion); answers the top-level fields that held such parts.
 */
export function keepTooDeepAsText(event: IDataObject, limit = MAX_EVENT_DEPTH): string[] {
	const fields = new Set<string>();
	const stack: Array<[IDataObject | unknown[], number, string]> = [];
	for (const key of Object.keys(event)) {
		const child = event[key];
		if (child !== null && typeof child === 'object') stack.push([child as IDataObject, 2, key]);
	}
	while (stack.length > 0) {
		const [container, depth, field] = stack.pop() as [IDataObject | unknown[], number, string];
		const keys = Array.isArray(container) ? container.keys() : Object.keys(container);
		for (const key of keys) {
			const child = (container as Record<string | number, unknown>)[key];
			if (child === null || typeof child !== 'object') continue;
			if (depth + 1 > limit) {
				(container as Record<string | number, unknown>)[key] = asJsonText(child);
				fields.add(field);
			} else {
				stack.push([child as IDataObject, depth + 1, field]);
			}
		}
	}
	return [...fields];
}

export type DeliveryBody =
	| { ok: true; value: unknown; events: unknown[]; deepEvents: number }
	| { ok: false; log: string; message: string };

const NOT_EVENTS = 'The body must be a JSON array of Atlas events.';

/**
 * The delivery's events (an array, or one event object), or why the body cannot be one. An
 * event is never refused for one odd field: what it nests too deep for n8n to store and show is
 * kept as JSON text, and the event says so in `depthNote`.
 */
export function readDelivery(ctx: IWebhookFunctions): DeliveryBody {
	const body = readBody(ctx);
	if (!body.ok)
		return { ok: false, log: 'rejected a delivery whose body is not JSON', message: NOT_EVENTS };
	const events = Array.isArray(body.value)
		? body.value
		: isRecord(body.value)
			? [body.value]
			: undefined;
	if (events === undefined)
		return {
			ok: false,
			log: 'rejected a delivery that is not an array of events',
			message: NOT_EVENTS,
		};
	let deepEvents = 0;
	let tooDeep = false;
	for (const event of events) {
		if (!isRecord(event)) {
			// one walk per value: an event is trimmed below, anything else is only measured
			tooDeep ||= nestedDeeperThan(event, MAX_EVENT_DEPTH);
			continue;
		}
		const fields = keepTooDeepAsText(event);
		if (fields.length === 0) continue;
		deepEvents++;
		event[DEPTH_NOTE_FIELD] =
			`Nested more than ${MAX_EVENT_DEPTH} levels deep, so kept as JSON text: ${fields.join(', ')}`;
	}
	// what is too deep is not inside an event object
	if (tooDeep) {
		return {
			ok: false,
			log: `rejected a delivery nested more than ${MAX_JSON_DEPTH} levels deep`,
			message: `The body is nested more than ${MAX_JSON_DEPTH} levels deep outside any event; Atlas events are objects.`,
		};
	}
	return { ok: true, value: body.value, events, deepEvents };
}
