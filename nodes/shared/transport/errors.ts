import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withFormLabels } from '../atlas/formLabels';
import { isRecord } from '../model/read';
import { networkCode, networkFailure } from './network';
import type { AtlasContext, AtlasRequest } from './types';

/*
 * Every failed Atlas call as a NodeApiError a no-code user can act on: what went wrong, what to
 * do. Built from Atlas's answer alone, never from the request, so the api-key cannot leak.
 */

/** How often a 429 or (for reads) a 5xx or network failure is retried. */
export const MAX_RETRIES = 3;

/** Atlas's own words from an error answer (`{ statusCode, error, message }`), if any. */
export function atlasMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!isRecord(body)) return undefined;
	const message = body.message ?? body.Message ?? body.error ?? body.Error;
	if (Array.isArray(message)) return message.join('; ');
	return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

export function atlasError(
	ctx: AtlasContext,
	status: number,
	body: unknown,
	request: AtlasRequest,
): NodeApiError {
	const said = atlasMessage(body);
	let message: string;
	let description: string;
	const own = status === 401 ? undefined : request.describeError?.(status, said);
	if (own) {
		({ message, description } = own);
	} else if (status === 401 || status === 403) {
		message = 'The Atlas API key was rejected';
		description =
			'Open the Atlas API credential and paste the key again from Atlas > Settings > API Keys. Keys that were deleted or regenerated in Atlas stop working.';
	} else if (status === 404) {
		message = `${request.notFound ?? 'What was asked for'} was not found in Atlas`;
		description =
			"Check the ID, or pick the item from the list. It may have been deleted in Atlas, or belong to another Atlas account than the credential's.";
	} else if (status === 400 || status === 422) {
		// Atlas names its own fields: the Atlas node's user knows its form's labels (a trigger's
		// requests carry fields the user never typed: those keep Atlas's names)
		const fromForm = typeof (ctx as Partial<IExecuteFunctions>).getInputData === 'function';
		const { text, labels } = withFormLabels(
			said ?? 'bad request',
			fromForm ? request.body : undefined,
		);
		message = `Atlas rejected the request: ${text}`;
		description = labels.length
			? `Check ${labels.join(', ')} in the node's parameters. Atlas said: ${said}`
			: "Check the values in the node's parameters against the message above.";
	} else if (status === 429) {
		message = 'Atlas is limiting requests (too many requests)';
		description = `Atlas still refused after ${MAX_RETRIES} retries. Wait a minute and try again, or make fewer requests at once.`;
	} else if (status >= 500) {
		message = `Atlas had an internal error (HTTP ${status})`;
		description =
			"This is on Atlas's side. Try again in a few minutes; if it persists, contact Atlas support." +
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

export function unreachableError(ctx: AtlasContext, error: unknown, baseUrl: string): NodeApiError {
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
