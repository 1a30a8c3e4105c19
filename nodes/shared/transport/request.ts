import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { atlasError, atlasMessage, MAX_RETRIES, unreachableError } from './errors';
import type { AtlasContext, AtlasRequest } from './types';

export type { AtlasContext, AtlasRequest, ErrorWords } from './types';

export const CREDENTIAL_NAME = 'atlasApi';
export const ATLAS_BASE_URL = 'https://api.youratlas.com/v1/api';

/** The longest wait a retry accepts (MAX_RETRIES: errors.ts, which tells the user). */
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
		body: request.bytes ?? request.body,
		...(request.bytes ? { headers: { 'Content-Type': 'application/octet-stream' } } : {}),
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
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, {
				...options,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (idempotent && attempt < MAX_RETRIES) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw unreachableError(this, error, baseUrl);
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) return response.body;
		if (request.allowNotFound && (status === 404 || saysNotFound(status, response.body, request)))
			return undefined;

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

function saysNotFound(status: number, body: unknown, request: AtlasRequest): boolean {
	if (status !== 400 || !request.notFoundWhen400Says) return false;
	const said = atlasMessage(body);
	return said !== undefined && request.notFoundWhen400Says.test(said);
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
