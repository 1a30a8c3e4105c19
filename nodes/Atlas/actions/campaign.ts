import { getCampaign, listCampaigns } from '../../shared/campaigns';
import type { Operation } from './utils';
import { applyLimit, campaignIdParameter } from './utils';

const get: Operation = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex);
	return [await getCampaign.call(this, campaignId)];
};

const getAll: Operation = async function (this, itemIndex) {
	return applyLimit(this, itemIndex, await listCampaigns.call(this));
};

export const campaignOperations: Record<string, Operation> = { get, getAll };
