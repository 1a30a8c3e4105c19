/*
 * The address each subscription delivers to: n8n's webhook URL plus the event the subscription
 * is for (Atlas's payloads do not reliably name their own event), the activation's nonce and
 * its token.
 */

export const TOKEN_PARAM = 'token';
export const EVENT_PARAM = 'event';
export const NONCE_PARAM = 'n';

export function buildHookUrl(
	webhookUrl: string,
	event: string,
	token: string,
	nonce?: string,
): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(EVENT_PARAM, event);
	// a nonce of an earlier version (no time in it) was never in the URL
	if (nonce !== undefined && nonce.includes('.')) url.searchParams.set(NONCE_PARAM, nonce);
	url.searchParams.set(TOKEN_PARAM, token);
	return url.toString();
}

/** True when `hookUrl` delivers to `webhookUrl` (same origin and path), whatever its query. */
export function deliversTo(hookUrl: string, webhookUrl: string): boolean {
	try {
		const a = new URL(hookUrl);
		const b = new URL(webhookUrl);
		return (
			a.origin === b.origin && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '')
		);
	} catch {
		return false;
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
