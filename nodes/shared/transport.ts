import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { networkCode, networkFailure } from './network';
import { isRecord } from './read';

export type AtlasContext =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export const CREDENTIAL_NAME = 'atlasApi';
export const ATLAS_BASE_URL = 'https://api.youratlas.com/v1/api';

const enc = encodeURIComponent;

/**
 * Every Atlas endpoint this package calls, in one place. [doc] = in Atlas's API reference,
 * [live] = seen in code that runs against the live API, [guess] = our inference: the paths
 * and parameter names of the two [guess] endpoints were not recoverable from the docs.
 */
export const ATLAS_PATHS = {
	subscribe: '/events-gateway/trigger/subscribe', // [doc] POST
	unsubscribe: '/events-gateway/trigger/unsubscribe', // [doc] DELETE with the four values
	listWebhooks: '/events-gateway/trigger/list', // [guess] GET ?campaignId=
	samplePayload: '/events-gateway/trigger/sample', // [guess] GET ?campaignId=&triggerName=
	campaigns: '/campaign', // [doc]
	campaign: (id: string) => `/campaign/${enc(id)}`, // [doc]
	calls: '/call', // [doc]
	call: (id: string) => `/call/${enc(id)}`, // [doc]
	chatSessions: (campaignId: string) => `/campaign-chat/${enc(campaignId)}`, // [live]
	chatMessages: (sessionId: string) => `/campaign-chat/sessions/${enc(sessionId)}/messages`, // [live]
} as const;

export interface AtlasRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Names what a 404 means to the user, e.g. `Campaign "cmp_1"`. */
	notFound?: string;
	/** Answer `undefined` instead of failing on 404 (unsubscribing what is already gone). */
	allowNotFound?: boolean;
}

/** How often a 429 or (for reads) a 5xx or network failure is retried, and the longest wait. */
const MAX_RETRIES = 3;
const MAX_RETRY_WAIT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/*
 * The base URL per context (one activation, one node run): n8n decrypts and resolves the
 * credential on every getCredentials, and activating 4 events x 50 campaigns makes 200 calls.
 */
const baseUrls = new WeakMap<AtlasContext, Promise<string>>();

export async function getBaseUrl(this: AtlasContext): Promise<string> {
	let baseUrl = baseUrls.get(this);
	if (baseUrl === undefined) {
		baseUrl = readBaseUrl(this);
		baseUrls.set(this, baseUrl);
	}
	return await baseUrl;
}

async function readBaseUrl(ctx: AtlasContext): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	const baseUrl = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (baseUrl || ATLAS_BASE_URL).replace(/\/+$/, '');
}

/** True when the credential points at Atlas itself rather than a proxy or an emulator. */
export function isAtlasCloud(baseUrl: string): boolean {
	return /^https:\/\/([a-z0-9-]+\.)*youratlas\.com(\/|$)/i.test(baseUrl);
}

/**
 * One Atlas call: authenticated by n8n, retried where that is safe, and every failure turned
 * into a NodeApiError a no-code user can act on. The api-key never reaches a message: errors
 * are rebuilt from Atlas's answer alone, not from the request.
 */
export async function atlasRequest(this: AtlasContext, request: AtlasRequest): Promise<unknown> {
	const baseUrl = await getBaseUrl.call(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	// Reads can be repeated safely; writes only when Atlas said it did not process them (429).
	const idempotent = request.method === 'GET';

	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				{ ...options },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (idempotent && attempt < MAX_RETRIES) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw unreachableError(this, error, baseUrl);
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) return response.body;
		if (status === 404 && request.allowNotFound) return undefined;

		const retryable = status === 429 || (idempotent && status >= 500);
		if (retryable && attempt < MAX_RETRIES) {
			const waitMs = retryAfterMs(response.headers?.['retry-after']) ?? backoffMs(attempt);
			if (waitMs <= MAX_RETRY_WAIT_MS) {
				await sleep(waitMs);
				continue;
			}
		}
		throw atlasError(this, status, response.body, request);
	}
}

function backoffMs(attempt: number): number {
	return 500 * 2 ** attempt;
}

/** `Retry-After` as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Atlas's own words from an error answer (`{ statusCode, error, message }`), if any. */
export function atlasMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!isRecord(body)) return undefined;
	const message = body.message ?? body.Message ?? body.error ?? body.Error;
	if (Array.isArray(message)) return message.join('; ');
	return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

function atlasError(
	ctx: AtlasContext,
	status: number,
	body: unknown,
	request: AtlasRequest,
): NodeApiError {
	const said = atlasMessage(body);
	let message: string;
	let description: string;
	if (status === 401 || status === 403) {
		message = 'The Atlas API key was rejected';
		description =
			'Open the Atlas API credential and paste the key again from Atlas > Settings > API Keys. Keys that were deleted or regenerated in Atlas stop working.';
	} else if (status === 404) {
		message = `${request.notFound ?? 'What was asked for'} was not found in Atlas`;
		description =
			'Check the ID, or pick the item from the list. It may have been deleted in Atlas, or belong to another Atlas account than the credential\'s.';
	} else if (status === 400 || status === 422) {
		message = `Atlas rejected the request: ${said ?? 'bad request'}`;
		description = 'Check the values in the node\'s parameters against the message above.';
	} else if (status === 429) {
		message = 'Atlas is limiting requests (too many requests)';
		description = `Atlas still refused after ${MAX_RETRIES} retries. Wait a minute and try again, or make fewer requests at once.`;
	} else if (status >= 500) {
		message = `Atlas had an internal error (HTTP ${status})`;
		description =
			'This is on Atlas\'s side. Try again in a few minutes; if it persists, contact Atlas support.' +
			(said ? ` Atlas said: ${said}` : '');
	} else {
		message = `Atlas answered with HTTP ${status}${said ? `: ${said}` : ''}`;
		description = 'An answer this package did not expect. Try again; if it persists, report it.';
	}
	const errorBody: JsonObject = { statusCode: status, message: said ?? message };
	return new NodeApiError(ctx.getNode(), errorBody, {
		message,
		description,
		httpCode: String(status),
	});
}

function unreachableError(ctx: AtlasContext, error: unknown, baseUrl: string): NodeApiError {
	const code = networkCode(error);
	const message = `Atlas is unreachable (${networkFailure(error)})`;
	// The code goes only into the description: NodeApiError (here or in any error wrapping this
	// one) swaps a message or an httpCode naming a known code for n8n's generic text.
	return new NodeApiError(
		ctx.getNode(),
		{ message },
		{
			message,
			description: `No answer from ${baseUrl}${code ? ` (${code})` : ''}. Check your internet connection and the Base URL in the Atlas API credential; if both are right, Atlas may be down: try again in a few minutes.`,
		},
	);
}
