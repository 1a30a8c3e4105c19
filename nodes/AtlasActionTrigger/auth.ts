import { createHash, timingSafeEqual } from 'crypto';

/*
 * Atlas sends the action's secret in a custom header it is given in the portal (a static key, or
 * "Authorization: Bearer ..."). The value is compared in constant time: both sides are hashed
 * first, so neither the length nor a common prefix shows in the timing. The secret is never
 * logged or echoed.
 */

/** A header name n8n can read: an HTTP token (letters, digits and !#$%&'*+-.^_`|~). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Shorter than this is a password, not a secret a bot cannot guess. */
export const MIN_SECRET_LENGTH = 16;

export interface HeaderSecret {
	headerName: string;
	headerValue: string;
}

/** The credential as the node reads it; anything unusable reads as empty. */
export function readHeaderSecret(data: unknown): HeaderSecret {
	const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
	return {
		headerName: typeof record.headerName === 'string' ? record.headerName.trim() : '',
		headerValue: typeof record.secret === 'string' ? record.secret.trim() : '',
	};
}

/** What is wrong with the credential, in words, or undefined when it can guard an action. */
export function secretProblem(secret: HeaderSecret): string | undefined {
	if (!HEADER_NAME.test(secret.headerName))
		return 'The Header Name must be a plain header name such as X-Atlas-Secret or Authorization (no spaces or colons).';
	if (secret.headerValue === '') return 'The Header Value is empty: enter the secret Atlas sends.';
	if (secret.headerValue.length < MIN_SECRET_LENGTH)
		return `The Header Value is shorter than ${MIN_SECRET_LENGTH} characters: use a long random secret.`;
	return undefined;
}

/** The header's value as received (n8n lower-cases header names; a repeated header counts once). */
export function receivedHeader(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first.trim() : undefined;
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether the request carries the secret: constant time, and never true for an empty secret. */
export function secretMatches(
	secret: HeaderSecret,
	headers: Record<string, string | string[] | undefined>,
): boolean {
	const given = receivedHeader(headers, secret.headerName);
	if (secret.headerValue === '' || given === undefined) return false;
	return timingSafeEqual(digest(secret.headerValue), digest(given));
}
