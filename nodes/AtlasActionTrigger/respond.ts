import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { isRecord } from '../shared/model/read';

/** What jsonParse gives back for text that is not JSON (its own fallback `undefined` rethrows). */
export const NOT_JSON: unknown = Object.freeze({ notJson: true });

/*
 * Atlas accepts one kind of answer: 200 with a JSON body [doc]. n8n answers a webhook itself
 * in the modes "last node" and "answer node" (responseMode lastNode / responseNode), and in a
 * few cases not in that form: 500 {message: 'Error in workflow'} when the workflow fails, 500
 * 'No item to return was found' when the last node outputs nothing, an empty body when no node
 * answered (1.123 and 2.41 alike, see README "Atlas Action Trigger"). So the trigger guards the
 * HTTP response before n8n gets it back: the first answer written wins, is always 200 +
 * application/json, and an error or empty answer becomes a short JSON the agent can speak.
 * Later writes (n8n's own answer after the fallback, or after the node answered) are dropped
 * instead of throwing "headers already sent".
 */

export const DEFAULT_EMPTY_ANSWER = {
	ok: true,
	message: 'Done. There is nothing more to report.',
};
export const DEFAULT_ERROR_ANSWER = {
	ok: false,
	message: 'Sorry, I could not get that done right now. Please try again later.',
};
export const DEFAULT_FALLBACK_ANSWER = {
	ok: false,
	pending: true,
	message: 'This is taking longer than expected. I will follow up after the call.',
};
export const DEFAULT_RECEIVED_ANSWER = { ok: true, message: 'Received.' };

/** n8n's own bodies that mean "the workflow ran and gave nothing to answer with". */
const N8N_EMPTY_MESSAGES = new Set([
	'Workflow executed successfully but the last node did not return any data',
	'Workflow executed successfully but no data was returned',
	'Workflow was started',
]);

export interface AnswerTexts {
	empty: IDataObject;
	error: IDataObject;
	/**
	 * No body at all: with an answer node this means no node answered before the execution
	 * ended (it failed, or took a branch without one): 1.123 then answers an empty body first,
	 * 2.41 its 500. Both read as the Error Answer. Default: the Empty Answer.
	 */
	unanswered?: IDataObject;
}

/** The body the agent gets for what n8n (or a node) is about to send with that status. */
export function speakable(status: number, body: unknown, texts: AnswerTexts): unknown {
	if (status >= 400) return texts.error;
	if (body === undefined) return texts.unanswered ?? texts.empty;
	if (body === null || body === '') return texts.empty;
	if (Buffer.isBuffer(body)) return speakable(status, body.toString('utf8'), texts);
	if (typeof body === 'string') {
		const parsed = jsonParse<unknown>(body, { fallbackValue: NOT_JSON });
		return parsed === NOT_JSON ? { message: body } : speakable(status, parsed, texts);
	}
	if (isRecord(body)) {
		if (Object.keys(body).length === 0) return texts.empty;
		if (
			Object.keys(body).length === 1 &&
			typeof body.message === 'string' &&
			N8N_EMPTY_MESSAGES.has(body.message)
		)
			return texts.empty;
	}
	if (Array.isArray(body) && body.length === 0) return texts.empty;
	return body;
}

/** The parts of express's response the guard uses (n8n hands webhook() the real one). */
export interface AnswerableResponse {
	statusCode: number;
	headersSent: boolean;
	status?(code: number): unknown;
	json(body: unknown): unknown;
	send(body?: unknown): unknown;
	end(...args: unknown[]): unknown;
	setHeader(name: string, value: string | string[] | number): unknown;
}

export interface AnswerGuard {
	/** Answers now unless something already did; true when this call answered. */
	answer(body: unknown): boolean;
	readonly answered: boolean;
}

/**
 * Wraps `res` so the first answer (whoever writes it) is 200 + JSON and later ones are dropped.
 * Only the instance is changed (the request's own response object), never express itself.
 */
export function guardResponse(res: AnswerableResponse, texts: AnswerTexts): AnswerGuard {
	const send = res.send.bind(res);
	const end = res.end.bind(res);
	const setHeader = res.setHeader.bind(res);
	let state: 'open' | 'sending' | 'done' = 'open';

	const deliver = (body: unknown): boolean => {
		if (state !== 'open' || res.headersSent) {
			state = 'done';
			return false;
		}
		state = 'sending';
		if (typeof res.status === 'function') res.status(200);
		else res.statusCode = 200;
		setHeader('Content-Type', 'application/json; charset=utf-8');
		send(JSON.stringify(speakable(200, body, texts)));
		state = 'done';
		return true;
	};
	const rewrite = (body: unknown): unknown => {
		if (state !== 'open') return res;
		const status = res.statusCode;
		deliver(speakable(status, body, texts));
		return res;
	};

	res.json = rewrite;
	res.send = rewrite;
	res.setHeader = (name, value) => {
		if (state === 'done' || res.headersSent) return res;
		return setHeader(name, value);
	};
	res.end = (...args: unknown[]) => {
		if (state === 'done') return res;
		if (state === 'sending') return end(...args);
		// a binary answer n8n streams or ends itself: let it through, and nothing after it
		state = 'done';
		return end(...args);
	};

	return {
		answer: (body) => deliver(body),
		get answered() {
			return state !== 'open';
		},
	};
}

/** A JSON object from a node parameter (an object, or JSON text); the default when unusable. */
export function jsonAnswer(value: unknown, fallback: IDataObject): IDataObject {
	if (isRecord(value)) return Object.keys(value).length ? value : fallback;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = jsonParse<unknown>(value, { fallbackValue: NOT_JSON });
		return isRecord(parsed) && parsed !== NOT_JSON ? parsed : { message: value.trim() };
	}
	return fallback;
}
