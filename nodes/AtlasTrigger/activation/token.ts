import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/*
 * Atlas does not sign its deliveries: the hook URL is the only secret. Each activation gets a
 * fresh token, carried in the URL's query. The token is never stored (n8n 1.123 keeps a copy of
 * static data with every execution): static data keeps a random nonce and the token's SHA-256;
 * the token is derived from the nonce with the credential's api-key where the credential is at
 * hand (activation, deactivation, the sample), and a delivery is checked against the hash.
 */

const TOKEN_LABEL = 'atlas-trigger-token\n';
/** 32 base64url characters: 192 bits of the HMAC. */
const TOKEN_LENGTH = 32;

/** 192 random bits, URL-safe: one per activation. */
export function newNonce(): string {
	return randomBytes(24).toString('base64url');
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
