/*
 * What the agent achieved, and the campaign controls: bookings, statistics, campaign status,
 * agent settings, deleting a campaign. The paths are in a connector vendor's reference of Atlas's
 * API [ref] (../shared/reference/atlas-api.md, "The rest of the API"); NO answer of these
 * endpoints was ever recovered, so every field name below is a [guess] with its plausible
 * alternatives (matching ignores case, `_` and `-`, see model/read.ts). This is the one place to
 * change when Atlas's real answers are known (README, "What we assume").
 */

const enc = encodeURIComponent;

export const OUTCOME_PATHS = {
	/** [ref] GET: the bookings of a campaign (no filter documented: a time range is applied by us). */
	bookings: (campaignId: string) => `/campaign/${enc(campaignId)}/bookings`,
	/** [ref] GET: the bookings made during one call. */
	callBookings: (campaignId: string, callId: string) =>
		`/campaign/${enc(campaignId)}/bookings/callId/${enc(callId)}`,
	/** [ref] GET: statistics of every campaign (`TotalStatistics` in Atlas's docs). */
	allStats: '/call/stats',
	/** [ref] GET: statistics of one campaign (`CallStatistics` / `Statistics`). */
	campaignStats: (campaignId: string) => `/call/stats/${enc(campaignId)}`,
	/** [ref] PUT `{enabled: boolean}`: turns a campaign on or off. */
	campaignStatus: (campaignId: string) => `/campaign/${enc(campaignId)}/status`,
	/** [ref] PUT (agent settings, PascalCase, all optional) and DELETE. */
	campaign: (campaignId: string) => `/campaign/${enc(campaignId)}`,
} as const;

/** A booking's fields [guess for every name]: ours → the names Atlas may use. */
export const BOOKING_ALIASES = {
	bookingId: ['bookingId', 'appointmentId', 'eventId', 'id', 'RowKey', 'uid'],
	// never a record's own `id`: a booking's call is named explicitly or not at all
	callId: ['callId', 'call'],
	campaignId: ['campaignId', 'campaign'],
	customerName: ['customerName', 'contactName', 'attendeeName', 'name', 'fullName'],
	customerPhoneNumber: [
		'customerPhoneNumber',
		'customerNumber',
		'phoneNumber',
		'phone',
		'contactIdentification',
	],
	customerEmail: ['customerEmail', 'email', 'attendeeEmail', 'contactEmail'],
	startAt: [
		'startAt',
		'startTime',
		'start',
		'startDate',
		'startDateTime',
		'appointmentTime',
		'appointmentDate',
		'dateTime',
		'bookingTime',
		'slot',
	],
	endAt: ['endAt', 'endTime', 'end', 'endDate', 'endDateTime'],
	title: ['title', 'service', 'serviceName', 'appointmentType', 'eventType', 'eventName', 'type'],
	notes: ['notes', 'note', 'description', 'comment', 'comments', 'details'],
	status: ['status', 'bookingStatus', 'state'],
	createdAt: ['createdAt', 'created', 'bookedAt', 'createdDate', 'Timestamp'],
	timeZone: ['timeZone', 'timezone', 'tz'],
} as const;

/**
 * Statistics [guess for every name]: ours → Atlas's plausible names. Counts, then durations.
 * A value missing from Atlas's answer is null in the item, never invented.
 */
export const STATISTICS_ALIASES = {
	totalCalls: ['totalCalls', 'total', 'calls', 'callCount', 'numberOfCalls', 'callsCount'],
	answeredCalls: ['answeredCalls', 'answered', 'connectedCalls', 'connected', 'pickedUp'],
	completedCalls: ['completedCalls', 'completed'],
	successfulCalls: ['successfulCalls', 'successful', 'successCount', 'success', 'successes'],
	failedCalls: ['failedCalls', 'failed', 'failureCount', 'failures', 'unsuccessfulCalls'],
	bookings: [
		'bookings',
		'booked',
		'bookedCalls',
		'totalBookings',
		'appointments',
		'appointmentsBooked',
		'bookingCount',
	],
	totalDurationSeconds: ['totalDurationSeconds', 'totalDuration', 'durationSeconds', 'duration'],
	averageDurationSeconds: [
		'averageDurationSeconds',
		'averageDuration',
		'avgDuration',
		'avgDurationSeconds',
		'averageCallDuration',
	],
	campaignId: ['campaignId', 'campaign', 'id', 'RowKey'],
	campaignName: ['campaignName', 'name', 'BusinessName'],
} as const;

/** A statistics answer for all campaigns may hold one record per campaign under one of these [guess]. */
export const STATISTICS_PER_CAMPAIGN = [
	'campaigns',
	'byCampaign',
	'perCampaign',
	'campaignStatistics',
	'statistics',
	'items',
	'value',
	'data',
] as const;

/** A campaign list item's status [live: `Status`, a production client hides "archived" ones]. */
export const CAMPAIGN_STATUS_ALIASES = ['status', 'campaignStatus'] as const;
export const ARCHIVED_STATUS = /^archived$/i;

/**
 * The documented agent settings of `PUT /campaign/{id}` [ref], as Atlas spells them, with the
 * names the node shows. Only settings the user adds are sent.
 */
export const AGENT_SETTINGS = {
	name: 'Name',
	language: 'Language',
	agentTypeName: 'AgentTypeName',
	openingLine: 'PreScript',
	closingLine: 'PostScript',
	voiceId: 'VoiceId',
	atlasVoiceId: 'AtlasVoiceId',
	model: 'Model',
	provider: 'Provider',
	gender: 'Gender',
	speed: 'Speed',
	pitch: 'Pitch',
	volume: 'Volume',
	stability: 'Stability',
	similarityBoost: 'SimilarityBoost',
	backgroundSound: 'BackgroundSound',
	slug: 'Slug',
	languageBoost: 'LanguageBoost',
	region: 'Region',
	textNormalizationEnabled: 'TextNormalizationEnabled',
	fillerInjectionEnabled: 'FillerInjectionEnabled',
} as const;

export type AgentSetting = keyof typeof AGENT_SETTINGS;
