import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';

/*
 * Atlas does not sign its deliveries: the hook URL is the only secret. Each activation gets a
 * fresh token that travels in the URL's query, next to the event the subscription is for
 * (Atlas's payloads do not reliably name their own event).
 *
 * The token is never stored. n8n 1.123 keeps a copy of the workflow, static data included, with
 * every execution, so static data keeps only a random nonce and the token's SHA-256: the token
 * is derived from the nonce with the credential's api-key (HMAC), in the hook contexts that have
 * the credential (activation, deactivation, the sample), and a delivery is checked against the
 * hash without reading the credential.
 */

export const TOKEN_PARAM = 'token';
export const EVENT_PARAM = 'event';

const TOKEN_LABEL = 'atlas-trigger-token\n';
/** 32 base64url characters: 192 bits of the HMAC. */
const TOKEN_LENGTH = 32;

/** 192 random bits, URL-safe: one per activation. */
export function newNonce(): string {
	return randomBytes(24).toString('base64url');
}

/** The activation's token: HMAC-SHA256(api-key, label + nonce), base64url, 32 characters. */
export function deriveToken(apiKey: string, nonce: string): string {
	return createHmac('sha256', apiKey).update(TOKEN_LABEL + nonce).digest('base64url').slice(0, TOKEN_LENGTH);
}

/** What static data keeps of the token: its SHA-256, base64url. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export function buildHookUrl(webhookUrl: string, event: string, token: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(EVENT_PARAM, event);
	url.searchParams.set(TOKEN_PARAM, token);
	return url.toString();
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

/** The hook URL with its token hidden, for messages and logs. */
export function redactHookUrl(hookUrl: string): string {
	try {
		const url = new URL(hookUrl);
		if (url.searchParams.has(TOKEN_PARAM)) url.searchParams.set(TOKEN_PARAM, '***');
		return url.toString().replace('%2A%2A%2A', '***');
	} catch {
		return hookUrl.replace(/([?&]token=)[^&]*/i, '$1***');
	}
}

const PRIVATE_HOST = [
	/^localhost$/i,
	/\.localhost$/i,
	/\.local$/i,
	/\.internal$/i,
	/^127\./,
	/^10\./,
	/^192\.168\./,
	/^172\.(1[6-9]|2\d|3[01])\./,
	/^169\.254\./,
	/^0\.0\.0\.0$/,
	/^\[?::1\]?$/,
	/^\[?f[cd][0-9a-f]{2}:/i,
	/^\[?fe80:/i,
];

/**
 * Why Atlas could not deliver to this URL, or undefined when it can: Atlas posts over the
 * internet, to HTTPS only.
 */
export function undeliverableReason(webhookUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return `n8n gave the webhook address "${webhookUrl}", which is not a valid URL`;
	}
	const host = url.hostname;
	if (PRIVATE_HOST.some((pattern) => pattern.test(host)) || !host.includes('.')) {
		return `the webhook address ${url.origin} is not reachable from the internet`;
	}
	if (url.protocol !== 'https:') {
		return `the webhook address ${url.origin} is not HTTPS, and Atlas delivers only to HTTPS addresses`;
	}
	return undefined;
}

export const WEBHOOK_URL_HELP =
	'Atlas sends events over the internet to a public HTTPS address. Set the environment variable WEBHOOK_URL (n8n 1.x) or N8N_WEBHOOK_URL (n8n 2.35 and later) to the public HTTPS address of this n8n, for example https://n8n.example.com/, and restart n8n. Behind a reverse proxy (nginx, Traefik, Cloudflare Tunnel...) that is the address the proxy serves. For local tests, use a tunnel such as ngrok or cloudflared.';
