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
	call: (id: string) => `/call/${enc(id)}`, // [doc] GET; DELETE [ref], answer not recovered
	chatSessions: (campaignId: string) => `/campaign-chat/${enc(campaignId)}`, // [live]
	chatMessages: (sessionId: string) => `/campaign-chat/sessions/${enc(sessionId)}/messages`, // [live]
	scheduledCalls: (campaignId: string) => `/call/scheduled/${enc(campaignId)}`, // [doc, via a connector] GET; answer not recovered
	startSms: (campaignId: string) => `/campaign-chat/${enc(campaignId)}/sessions/sms/schedule`, // [live] POST
	humanResponse: (campaignId: string) => `/campaign-chat/${enc(campaignId)}/send-human-response`, // [doc] POST
	humanHandoff: (campaignId: string, contact: string) =>
		`/campaign-chat/${enc(campaignId)}/contacts/${enc(contact)}/human-handoff`, // [live] POST {enabled}
} as const;

/**
 * Scheduling an outbound call: POST `{campaignId, customerName, customerPhoneNumber,
 * customerInfo?, scheduledDate?}` [doc for the first three; third party for the others]. The
 * path is spelled `createschedule` by a connector linking the official page and `createSchedule`
 * by a third-party client [guess]: the first is tried, the other once on a 404, and the one that
 * worked is remembered. Answer `{sequenceNumber}` [live].
 */
export const SCHEDULE_CALL_PATHS = [
	'/campaign/createschedule',
	'/campaign/createSchedule',
] as const;

/**
 * How Atlas words the failures of scheduling a call [guess, except the daily-limit code which
 * is a documented endedReason]: matched against Atlas's message to give the user words to act on.
 */
export const SCHEDULE_REFUSALS = {
	dailyLimit: /outbound[-_ ]?daily[-_ ]?limit|daily (?:outbound )?(?:call )?limit/i,
	notOutbound:
		/not (?:an? )?outbound|inbound(?:[- ]only)? campaign|does not (?:allow|support) outbound/i,
	number: /phone|number|e\.?164/i,
} as const;

/**
 * Send-human-response answers 400 "Human handoff is not enabled for this campaign" when the
 * session is not the contact's current one [live]: the message is misleading.
 */
export const STALE_SESSION =
	/human ?hand-?off is not enabled|session (?:not found|expired|is no longer)/i;

/**
 * Unsubscribe is documented with errors 400 and 500 only [doc], so a subscription Atlas no longer
 * has may be answered 400 rather than 404 [guess]: a 400 whose message says so counts as gone.
 */
export const SUBSCRIPTION_GONE =
	/not (?:be )?found|does ?n[o']?t exist|no such|not exist|unknown subscription|already (?:removed|deleted|unsubscribed)/i;
