import type { INodeProperties } from 'n8n-workflow';

import { setCampaignEnabled } from '../../../shared/api/campaigns';
import { toRecord } from '../../../shared/model/read';
import { receipt } from '../../../shared/model/values';
import { assertConfirmed, confirmProperty } from '../confirm';
import type { AtlasOperation } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator } from '../properties';

/*
 * Campaign > Turn On / Turn Off (PUT /campaign/{id}/status {enabled}). Both are confirmed by the
 * builder (confirm.ts): off stops an agent answering or calling; on starts an outbound campaign
 * calling people. Both are idempotent at Atlas: running one twice sets the same state.
 */
export function statusOperation(operation: 'turnOn' | 'turnOff'): AtlasOperation {
	const enabled = operation === 'turnOn';
	const what = `turn the campaign ${enabled ? 'on' : 'off'}`;
	const show = showFor('campaign', operation);
	return {
		description: [
			campaignLocator({ displayOptions: show }),
			confirmProperty(show, what),
		] satisfies INodeProperties[],
		async execute(itemIndex) {
			const campaignId = campaignIdParameter(this, itemIndex);
			assertConfirmed(this, itemIndex, what);
			const answer = await setCampaignEnabled.call(this, campaignId, enabled);
			return [receipt({ campaignId, enabled }, toRecord(answer) ?? {})];
		},
	};
}
