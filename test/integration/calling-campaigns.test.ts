// Call > Schedule's campaign picker: campaigns that can place calls first, the others marked.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runListSearch } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { campaignKind } from '../../nodes/shared/atlas/campaignKinds';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-calling';
let emu: Emulator;
const credentials = () => ({ atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } });

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
});
after(async () => {
	await emu.close();
});
beforeEach(() => emu.reset());

describe("Call > Schedule's campaign list", () => {
	it('uses the calling-campaigns list', () => {
		const locator = new Atlas().description.properties.find(
			(p) => p.name === 'campaign' && p.displayOptions?.show?.operation?.includes('schedule'),
		);
		const list = locator?.modes?.find((mode) => mode.name === 'list');
		assert.equal(list?.typeOptions?.searchListMethod, 'searchCallingCampaigns');
	});

	for (const casing of ['pascal', 'camel'] as const) {
		it(`outbound first, inbound and chat marked (${casing})`, async () => {
			emu.configure({ casing });
			const { results } = await runListSearch(new Atlas(), 'searchCallingCampaigns', {
				credentials: credentials(),
			});
			assert.deepEqual(results, [
				{ name: 'Sunbeam Solar - Outbound Sales', value: 'cmp_sales' },
				{ name: 'Brightside Dental - Front Desk (inbound)', value: 'cmp_support' },
				{ name: 'Harbor Realty - SMS Concierge (chat)', value: 'cmp_chat' },
			]);
		});
	}

	it('filters on the name or the ID', async () => {
		const { results } = await runListSearch(new Atlas(), 'searchCallingCampaigns', {
			credentials: credentials(),
			filter: 'cmp_SUP',
		});
		assert.deepEqual(results, [
			{ name: 'Brightside Dental - Front Desk (inbound)', value: 'cmp_support' },
		]);
	});
});

describe('campaignKind reads what Atlas may send', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['CallType "2" [live]', { CallType: '2', Status: 'active' }, 'outbound'],
		['CallType 2 as a number', { CallType: 2 }, 'outbound'],
		['CallType "1" [live]', { CallType: '1' }, 'inbound'],
		['callType "outbound"', { callType: 'outbound' }, 'outbound'],
		['a chat type', { campaignType: 'chat', CallType: '2' }, 'chat'],
		['an SMS type', { Type: 'SMS' }, 'chat'],
		['a chat number, no CallType', { ChatPhoneNumberId: 'pn_1' }, 'chat'],
		['nothing said', { Name: 'x' }, 'unknown'],
	];
	for (const [what, record, kind] of cases)
		it(what, () => assert.equal(campaignKind(record as never), kind));
});
