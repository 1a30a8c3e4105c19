/*
 * Every Atlas endpoint this package calls, in one place, with what is guessed about the answers.
 * [doc] = in Atlas's API reference, [live] = seen in code that runs against the live API,
 * [guess] = our inference (../shared/reference/atlas-api.md; README, "What we assume").
 */

const enc = encodeURIComponent;

export const ATLAS_PATHS = {
	subscribe: '/events-gateway/trigger/subscribe', // [doc] POST
	unsubscribe: '/events-gateway/trigger/unsubscribe', // [doc] DELETE with the four values
	listWebhooks: '/events-gateway/trigger/list', // [guess] GET ?campaignId= (`*` for all campaigns)
	samplePayload: '/events-gateway/trigger/sample', // [guess] GET ?campaignId=&triggerName=
	campaigns: '/campaign', // [doc]
	campaign: (id: string) => `/campaign/${enc(id)}`, // [doc]
	calls: '/call', // [doc]
	call: (id: string) => `/call/${enc(id)}`, // [doc]
	chatSessions: (campaignId: string) => `/campaign-chat/${enc(campaignId)}`, // [live]
	chatMessages: (sessionId: string) => `/campaign-chat/sessions/${enc(sessionId)}/messages`, // [live]
} as const;

/**
 * Unsubscribe is documented with errors 400 and 500 only [doc], so a subscription Atlas no longer
 * has may be answered 400 rather than 404 [guess]: a 400 whose message says so counts as gone.
 */
export const SUBSCRIPTION_GONE =
	/not (?:be )?found|does ?n[o']?t exist|no such|not exist|unknown subscription|already (?:removed|deleted|unsubscribed)/i;
