import type { IExecuteFunctions } from 'n8n-workflow';

import { errorText } from '../../../../shared/util/errors';

/*
 * Which subscriptions are this n8n's: those whose hook URL is under its webhook base URL
 * (WEBHOOK_URL). n8n builds `$execution.resumeUrl` as `<webhook base URL><webhook-waiting
 * endpoint>/<execution id>` on 1.x and 2.x alike; `getInstanceBaseUrl()` is the webhook base
 * URL on 1.x but the editor's on 2.x, so the base is read from the resume URL.
 */

const TRIGGER_PATH = 'atlas';

/** `origin + path` with one trailing slash; undefined when not an http(s) URL. */
export function normalizeBaseUrl(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
}

/** This n8n's webhook base URL (e.g. `https://n8n.example.com/`), from `$execution.resumeUrl`. */
export function detectWebhookBaseUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	let resumeUrl: unknown;
	try {
		resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex);
	} catch (error) {
		ctx.logger.debug(`Atlas: could not read $execution.resumeUrl (${errorText(error)})`);
		return undefined;
	}
	if (typeof resumeUrl !== 'string' || !resumeUrl) return undefined;
	try {
		const url = new URL(resumeUrl);
		// drop the execution id and the webhook-waiting endpoint
		const segments = url.pathname.split('/');
		return normalizeBaseUrl(
			`${url.origin}${segments.slice(0, Math.max(1, segments.length - 2)).join('/')}`,
		);
	} catch (error) {
		ctx.logger.debug(`Atlas: $execution.resumeUrl is not a URL (${errorText(error)})`);
		return undefined;
	}
}

/** Whether a hook URL is under the base URL (same origin, path below it). */
export function isUnder(hookUrl: string, base: string): boolean {
	let url: URL;
	try {
		url = new URL(hookUrl);
	} catch {
		return false;
	}
	const baseUrl = new URL(base);
	return url.origin === baseUrl.origin && url.pathname.startsWith(baseUrl.pathname);
}

/** An address the Atlas Trigger makes: `<base><endpoint>/<webhookId>/atlas?event=..&token=..`. */
export function isTriggerAddress(hookUrl: string): boolean {
	const url = new URL(hookUrl);
	return (
		url.pathname.split('/').pop() === TRIGGER_PATH &&
		!!url.searchParams.get('token') &&
		!!url.searchParams.get('event')
	);
}
