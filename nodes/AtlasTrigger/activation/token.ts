import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/*
 * Atlas does not sign its deliveries: the hook URL is the only secret. Each activation gets a
 * fresh nonce and the token HMAC(api-key, nonce); both travel in the URL's query. The token is
 * never stored (n8n 1.123 keeps a copy of static data with every execution): static data keeps
 * the nonce and the token's SHA-256, which a delivery is checked against without reading the
 * credential. Because the nonce is in the URL, a delivery can also be checked with the api-key
 * alone, when static data does not (yet, or any more) name its activation (authorise.ts).
 */

const TOKEN_LABEL = 'atlas-trigger-token\n';
/** 32 base64url characters: 192 bits of the HMAC. */
const TOKEN_LENGTH = 32;

/** One per activation: when it was made (ms, base 36), a dot, 144 random bits (URL-safe). */
export function newNonce(now = Date.now()): string {
	return `${now.toString(36)}.${randomBytes(18).toString('base64url')}`;
}

/** When a nonce was made; undefined for a nonce of an earlier version (random only). */
export function nonceTime(nonce: unknown): number | undefined {
	if (typeof nonce !== 'string') return undefined;
	const dot = nonce.indexOf('.');
	if (dot < 1) return undefined;
	const time = parseInt(nonce.slice(0, dot), 36);
	return Number.isFinite(time) ? time : undefined;
}

/** The activation's token: HMAC-SHA256(api-key, label + nonce), base64url, 32 characters. */
export function deriveToken(apiKey: string, nonce: string): string {
	return createHmac('sha256', apiKey)
		.update(TOKEN_LABEL + nonce)
		.digest('base64url')
		.slice(0, TOKEN_LENGTH);
}

/** What static data keeps of the token: its SHA-256, base64url. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

/** The given token against the stored hash, in constant time. */
export function tokenMatchesHash(expectedHash: unknown, given: unknown): boolean {
	if (typeof expectedHash !== 'string' || typeof given !== 'string') return false;
	const a = Buffer.from(expectedHash, 'base64url');
	if (a.length !== 32) return false;
	const b = createHash('sha256').update(given).digest();
	return timingSafeEqual(a, b);
}

/**
 * The given token against a token kept in clear (static data written by earlier versions, read
 * so their activations keep delivering until the next activation). Constant time: hashing
 * first makes both sides the same length.
 */
export function tokenMatches(expected: unknown, given: unknown): boolean {
	if (typeof expected !== 'string' || expected === '' || typeof given !== 'string') return false;
	const a = createHash('sha256').update(expected).digest();
	const b = createHash('sha256').update(given).digest();
	return timingSafeEqual(a, b);
}
