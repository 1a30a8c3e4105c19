// Campaign control and statistics [ref: paths; every answer is a guess, never recovered]:
// PUT /campaign/:id/status {enabled}, PUT /campaign/:id (agent settings), DELETE /campaign/:id,
// GET /call/stats and /call/stats/:campaignId (computed from the emulator's calls and bookings).
// A campaign turned off is 'paused': createschedule refuses it with 400 "Campaign is not active"
// [guess: Atlas might instead queue the call until the campaign is on again].
import type { ApiRouteDef } from './api';
import { ApiError, route, type Route } from './http';
import { pascalize, shapeCampaign } from './shape';
import type { Store } from './store';
import type { Campaign } from './types';

type Obj = Record<string, unknown>;

/** The documented agent settings [ref] and the type each takes. */
const AGENT_FIELDS: Record<string, 'string' | 'number' | 'boolean'> = {
	Name: 'string',
	Language: 'string',
	AgentTypeName: 'string',
	PreScript: 'string',
	PostScript: 'string',
	VoiceId: 'string',
	AtlasVoiceId: 'string',
	Model: 'string',
	Provider: 'string',
	Gender: 'string',
	Speed: 'number',
	Pitch: 'number',
	Volume: 'number',
	Stability: 'number',
	SimilarityBoost: 'number',
	BackgroundSound: 'string',
	Slug: 'string',
	LanguageBoost: 'string',
	Region: 'string',
	TextNormalizationEnabled: 'boolean',
	FillerInjectionEnabled: 'boolean',
};

function objectBody(body: unknown): Obj {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiError(400, 'Request body must be a JSON object');
	return body as Obj;
}

function campaignOrFail(store: Store, id: string): Campaign {
	const campaign = store.campaign(id);
	if (!campaign) throw new ApiError(404, 'Campaign not found');
	return campaign;
}

/** One campaign's statistics, computed from the stored calls and bookings. */
function statsOf(store: Store, campaignId: string | undefined): Obj {
	const calls = store.calls.filter((c) => !campaignId || c.campaignId === campaignId);
	const completed = calls.filter((c) => c.status === 'completed');
	const answered = completed.filter((c) => c.messages.some((m) => m.role === 'user'));
	const duration = completed.reduce((n, c) => n + c.durationSeconds, 0);
	return {
		totalCalls: calls.length,
		answeredCalls: answered.length,
		completedCalls: completed.length,
		successfulCalls: calls.filter((c) => c.successResult === 'success').length,
		failedCalls: calls.filter((c) => c.successResult === 'failure').length,
		bookings: store.bookings.filter((b) => !campaignId || b.campaignId === campaignId).length,
		totalDuration: duration,
		averageDuration: completed.length ? Math.round(duration / completed.length) : 0,
	};
}

const cased = (store: Store, body: Obj): Obj =>
	store.config.casing === 'pascal' ? (pascalize(body) as Obj) : body;

export const CAMPAIGN_CONTROL_ROUTES: Route<ApiRouteDef>[] = [
	route('PUT', '/campaign/:campaignId/status', {
		auth: true,
		run: ({ params, body, store }) => {
			const b = objectBody(body);
			if (typeof b.enabled !== 'boolean')
				throw new ApiError(400, 'enabled must be a boolean value');
			const campaign = campaignOrFail(store, params.campaignId);
			if (campaign.status === 'archived' && b.enabled)
				throw new ApiError(400, 'Campaign is archived');
			campaign.status = b.enabled ? 'active' : 'paused';
			return { body: shapeCampaign(campaign, store.config.casing) };
		},
	}),
	route('PUT', '/campaign/:campaignId', {
		auth: true,
		run: ({ params, body, store }) => {
			const b = objectBody(body);
			const errors: string[] = [];
			for (const [key, value] of Object.entries(b)) {
				const type = AGENT_FIELDS[key];
				// NestJS whitelist style [guess]
				if (!type) errors.push(`property ${key} should not exist`);
				else if (typeof value !== type) errors.push(`${key} must be a ${type}`);
			}
			if (errors.length) throw new ApiError(400, errors);
			const campaign = campaignOrFail(store, params.campaignId);
			campaign.agent = { ...(campaign.agent ?? {}), ...b };
			if (typeof b.Name === 'string' && b.Name.trim()) campaign.name = b.Name.trim();
			return { body: shapeCampaign(campaign, store.config.casing) };
		},
	}),
	route('DELETE', '/campaign/:campaignId', {
		auth: true,
		run: ({ params, store }) => {
			campaignOrFail(store, params.campaignId);
			store.campaigns = store.campaigns.filter((c) => c.id !== params.campaignId);
			return { body: {} };
		},
	}),
	// all campaigns: the account's totals, then one record per campaign [guess]
	route('GET', '/call/stats', {
		auth: true,
		run: ({ store }) => ({
			body: cased(store, {
				...statsOf(store, undefined),
				campaigns: store.campaigns.map((c) => ({
					campaignId: c.id,
					campaignName: c.name,
					...statsOf(store, c.id),
				})),
			}),
		}),
	}),
	route('GET', '/call/stats/:campaignId', {
		auth: true,
		run: ({ params, store }) => {
			campaignOrFail(store, params.campaignId);
			return {
				body: cased(store, { campaignId: params.campaignId, ...statsOf(store, params.campaignId) }),
			};
		},
	}),
];
