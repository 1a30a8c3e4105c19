/*
 * Secrets never reach a message or a log: the webhook token travels in the hook URL's query, so
 * every hook URL shown to a user goes through this first.
 */

/** The URL with the value of every `token` query parameter replaced by `***`. */
export function redactToken(url: string): string {
	return url.replace(/([?&]token=)[^&#]*/gi, '$1***');
}
