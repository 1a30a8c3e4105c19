// Contact > Erase and Call > Delete: exact matches only, Dry Run, the builder's permission, the
// per-execution cap, partial failures, a call already gone, errors in words. n8n's real engine
// against the emulator. The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes } from '../helpers/engine';
import { atlasNodeRunner, rows } from '../helpers/atlas-node';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'atlas-secret-KEY-erase';
let emu: Emulator;
const { run, fails } = atlasNodeRunner(() => emu, API_KEY);

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY, callDelayMs: 600_000 });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

const TARGET = '+16175550201';
const OTHERS = ['+4416175550201', '+16175550202'];

/** Call records of the target (two campaigns, one written with spaces) and of look-alikes. */
function seedContact() {
	const base = emu.calls[0];
	const add = (id: string, campaignId: string, customerPhoneNumber: string) =>
		emu.calls.push({ ...base, id, campaignId, customerPhoneNumber });
	add('call_t1', 'cmp_sales', TARGET);
	add('call_t2', 'cmp_sales', '+1 (617) 555-0201');
	add('call_t3', 'cmp_support', TARGET);
	add('call_o1', 'cmp_sales', OTHERS[0]);
	add('call_o2', 'cmp_support', OTHERS[1]);
}
const ids = () => emu.calls.map((c) => c.id);
const deletes = () => emu.requests({ method: 'DELETE' });

const erase = (over: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'erase',
	customerPhoneNumber: '(617) 555-0201',
	confirmed: true,
	...over,
});
const del = (over: INodeParameters = {}): INodeParameters => ({
	resource: 'call',
	operation: 'delete',
	callId: 'call_0001',
	confirmed: true,
	...over,
});

describe('Contact > Erase', () => {
	beforeEach(seedContact);

	it("erases exactly that number's records, in every campaign, even when Atlas's filter is loose", async () => {
		emu.erase({ phoneMatch: 'loose' });
		const [item] = await run(erase());
		const out = item.json;
		assert.equal(out.customerPhoneNumber, TARGET);
		assert.equal(out.erasedCount, 3);
		assert.deepEqual((out.erased as IDataObject[]).map((c) => c.callId).sort(), [
			'call_t1',
			'call_t2',
			'call_t3',
		]);
		assert.deepEqual((out.erasedCampaigns as string[]).sort(), ['cmp_sales', 'cmp_support']);
		assert.equal(out.complete, true);
		assert.equal(out.failedCount, 0);
		for (const id of ['call_o1', 'call_o2', 'call_0001']) assert.ok(ids().includes(id), id);
		assert.ok(!ids().some((id) => id.startsWith('call_t')));
		assert.equal(deletes().length, 3, 'nobody else was even asked to be deleted');
		// Atlas cannot erase chats: the session is reported, not hidden
		const sessions = out.chatSessions as IDataObject[];
		assert.equal(sessions.length, 1);
		assert.equal(sessions[0].campaignId, 'cmp_chat');
		assert.match(String(out.chatSessionsNote), /1 chat session\(s\) of this number remain/);
		assert.match(String(out.chatSessionsNote), /no way to delete chat sessions/);
		const chatReads = emu.requests({ route: 'GET /campaign-chat/:campaignId' });
		assert.deepEqual(
			chatReads.map((r) => r.path),
			['/v1/api/campaign-chat/cmp_chat'],
			'voice campaigns are not asked for chats',
		);
		assert.deepEqual(item.pairedItem, { item: 0 });
	});

	it('Dry Run lists what would go and deletes nothing, without the permission', async () => {
		const [item] = await run(erase({ dryRun: true, confirmed: false }));
		assert.equal(item.json.dryRun, true);
		assert.equal(item.json.wouldEraseCount, 3);
		assert.equal(deletes().length, 0);
		assert.equal(emu.calls.filter((c) => c.id.startsWith('call_t')).length, 3);
	});

	it('Chosen Campaigns: only those; an unknown campaign fails before anything is deleted', async () => {
		const [item] = await run(erase({ eraseIn: 'chosen', campaignIds: 'cmp_sales' }));
		assert.deepEqual(item.json.campaigns, ['cmp_sales']);
		assert.equal(item.json.erasedCount, 2);
		assert.ok(ids().includes('call_t3'), 'the other campaign keeps its record');
		assert.equal((item.json.chatSessions as unknown[]).length, 0);

		const unknown = await fails(erase({ eraseIn: 'chosen', campaignIds: 'cmp_sales, cmp_nope' }));
		assert.match(unknown.message, /Campaign "cmp_nope" was not found/);
		const empty = await fails(erase({ eraseIn: 'chosen', campaignIds: ' , ' }));
		assert.match(empty.message, /No campaign IDs given/);
	});

	it('refuses until the builder allows it; an expression does not count; no request is made', async () => {
		const off = await fails(erase({ confirmed: false }));
		assert.match(off.message, /not allowed to erase a contact's call records/);
		assert.match(off.text, /switch on "Allow This Node to Act"/);
		const expression = await fails(erase({ confirmed: '={{ true }}' }));
		assert.match(expression.text, /set by an expression here/);
		assert.equal(emu.requests({ route: 'GET /call' }).length, 0);
		assert.equal(deletes().length, 0);
	});

	it('Max Deletions Per Execution: stops before deleting anything past it, across items', async () => {
		const capped = await fails(erase({ eraseOptions: { maxDeletions: 2 } }));
		assert.match(capped.message, /Stopped before deleting the calls of \+16175550201/);
		assert.match(capped.text, /Nothing was deleted for this item/);
		assert.equal(deletes().length, 0);

		const out = await run(del({ callId: '={{ $json.id }}', deleteOptions: { maxDeletions: 2 } }), {
			items: rows({ id: 'call_0001' }, { id: 'call_0002' }, { id: 'call_0003' }),
			continueOnFail: true,
		});
		assert.deepEqual(
			out.map((item) => item.json.deleted ?? 'error'),
			[true, true, 'error'],
		);
		assert.match(String(out[2].json.error), /Max Deletions Per Execution \(2\)/);
		assert.ok(ids().includes('call_0003'));
	});

	it('partial failure: reports what was erased and what was not; the rerun finishes it', async () => {
		emu.setFault({ path: '/call/call_t2', method: 'DELETE', type: '503', count: 1 });
		const failure = await fails(erase());
		assert.match(
			failure.message,
			/Erased 2 of 3 call records of \+16175550201: 1 could not be deleted/,
		);
		assert.match(failure.text, /call_t2/);

		emu.reset();
		seedContact();
		emu.setFault({ path: '/call/call_t2', method: 'DELETE', type: '503', count: 1 });
		const [item] = await run(erase(), { continueOnFail: true });
		assert.equal(item.json.complete, false);
		assert.equal(item.json.erasedCount, 2);
		assert.deepEqual(
			(item.json.failed as IDataObject[]).map((f) => f.callId),
			['call_t2'],
		);
		const [rerun] = await run(erase());
		assert.equal(rerun.json.erasedCount, 1);
		assert.equal(rerun.json.complete, true);
	});
});

describe('Call > Delete', () => {
	it('deletes one call record; one already gone is said so, not an error', async () => {
		const [done] = await run(del());
		assert.equal(done.json.deleted, true);
		assert.ok(!ids().includes('call_0001'));
		const [again] = await run(del());
		assert.equal(again.json.deleted, false);
		assert.equal(again.json.alreadyGone, true);
		assert.match(
			String(again.json.reason),
			/Atlas has no call "call_0001": it was deleted already/,
		);
	});

	it('errors say what to do: not allowed, a key without the right, a rejected key, no endpoint', async () => {
		const off = await fails(del({ confirmed: false }));
		assert.match(off.message, /not allowed to delete call records/);
		emu.erase({ deleteForbidden: true });
		const forbidden = await fails(del());
		assert.match(forbidden.message, /API key may not delete call records/);
		assert.match(forbidden.text, /owner or an admin/);
		emu.erase({ deleteForbidden: false });
		emu.setFault({ path: '/call/:id', method: 'DELETE', type: '404', count: 1 });
		const missing = await fails(del());
		assert.match(missing.message, /Atlas offers no way to delete call records/);
		const wrongKey = await fails(del(), { apiKey: 'nope' });
		assert.match(wrongKey.message, /The Atlas API key was rejected/);
		assert.ok(ids().includes('call_0001'));
	});
});
