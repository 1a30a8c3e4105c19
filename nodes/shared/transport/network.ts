/*
 * Network failures in words. n8n replaces any error message naming a raw code (ECONNREFUSED...)
 * with its own generic text, so messages say what happened instead.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

/** The network code of a failed request (n8n-workflow 1.x drops `cause` and keeps it in `httpCode`). */
export function networkCode(error: unknown): string | undefined {
	const e = (error ?? {}) as { code?: string; cause?: { code?: string }; httpCode?: string | null };
	const httpCode =
		typeof e.httpCode === 'string' && /^E[A-Z_]+$/.test(e.httpCode) ? e.httpCode : undefined;
	return e.cause?.code ?? e.code ?? httpCode;
}

/** What went wrong, in words: "connection refused", "timed out", ... or "no answer". */
export function networkFailure(error: unknown): string {
	const code = networkCode(error);
	return (code && NETWORK_FAILURES[code]) ?? 'no answer';
}
