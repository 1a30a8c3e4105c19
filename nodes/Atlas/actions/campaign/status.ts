import type { INodeProperties } from 'n8n-workflow';

import { setCampaignEnabled } from '../../../shared/api/campaigns';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { AtlasOperation } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator } from '../properties';
import { capOptions, changeCampaignOnce } from './cap';

/*
 * Campaign > Turn On / Turn Off (PUT /campaign/{id}/status {enabled}). Both are confirmed by the
 * builder (confirm.ts): off stops an agent answering or calling; on starts an outbound campaign
 * calling people. Both are idempotent at Atlas: running one twice sets the same state; within one
 * execution the same state is sent once, and the campaigns switched are capped (cap.ts).
 */
export function statusOperation(operation: 'turnOn' | 'turnOff'): AtlasOperation {
	const enabled = operation === 'turnOn';
	const what = `turn the campaign ${enabled ? 'on' : 'off'}`;
	const show = showFor('campaign', operation);
	return {
		description: [
			campaignLocator({ displayOptions: show }),
			confirmProperty(show, what),
			capOptions(show, false),
		] satisfies INodeProperties[],
		async execute(itemIndex, run) {
			const campaignId = campaignIdParameter(this, itemIndex);
			assertConfirmed(this, itemIndex, what);
			const state = enabled ? 'on' : 'off';
			const change = {
				campaignId,
				kind: 'status' as const,
				signature: state,
				words: `turn campaign "${campaignId}" ${state}`,
				done: { campaignId, enabled },
			};
			return [
				await changeCampaignOnce(this, itemIndex, run, change, () =>
					setCampaignEnabled.call(this, campaignId, enabled),
				),
			];
		},
	};
}
