// The shape-planned alias reader (nodes/shared/aliasReader.ts) and the de-dup record's
// shortcut for deliveries that evict nothing (nodes/shared/dedupe.ts): both exist for speed
// (BENCHMARKS.md), so these tests pin that they keep the plain rules exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { AliasReader } from '../../nodes/shared/aliasReader';
import { checkAndRecord, forgetScope, hashKey, SEEN_FIELD } from '../../nodes/shared/dedupe';
import { normalizeEvent } from '../../nodes/shared/events';
import { foldRecord, pick } from '../../nodes/shared/read';

const ALIASES = { id: ['callId', 'call', 'id'], who: ['role', 'sender'] };

/** read.ts's rules, record by record: what the reader must agree with. */
function plainRead(record: IDataObject, field: keyof typeof ALIASES): unknown {
	return pick(foldRecord(record), ...ALIASES[field]);
}

describe('AliasReader', () => {
	it('reads like foldRecord + pick for records of one shape, another shape, and back', () => {
		const reader = new AliasReader(ALIASES);
		const records: IDataObject[] = [
			{ callId: 'a', role: 'user' },
			{ callId: 'b', role: 'assistant' },
			{ call_id: 'c', Sender: 'bot' },
			{ callId: '', call: 'd', role: null, sender: 'x' },
			{ callId: 'e', role: 'user' },
			{ role: 'user', callId: 'f' }, // same keys, other order
		];
		for (const record of records) {
			const plan = reader.planFor(record);
			for (const field of ['id', 'who'] as const) {
				assert.deepEqual(plan.get(record, field), plainRead(record, field), JSON.stringify(record));
			}
		}
	});

	it('lets the first spelling of a folded key win, even when it is empty', () => {
		const reader = new AliasReader(ALIASES);
		const record: IDataObject = { callId: '', CALL_ID: 'ignored', id: 'fallback' };
		assert.equal(reader.planFor(record).get(record, 'id'), 'fallback');
		assert.equal(plainRead(record, 'id'), 'fallback');
	});

	it('reuses a plan only for the same keys in the same order', () => {
		const reader = new AliasReader(ALIASES);
		const first = reader.planFor({ callId: 'a', role: 'user' });
		assert.equal(reader.planFor({ callId: 'b', role: 'bot' }), first);
		assert.notEqual(reader.planFor({ role: 'bot', callId: 'b' }), first);
		assert.notEqual(reader.planFor({ callId: 'b', role: 'bot', extra: 1 }), first);
		assert.notEqual(reader.planFor({ callId: 'b' }), first);
	});

	it('never reads inherited keys', () => {
		const reader = new AliasReader(ALIASES);
		reader.planFor({ callId: 'a', role: 'user' });
		const record = Object.assign(Object.create({ role: 'inherited' }) as IDataObject, { callId: 'b' });
		const plan = reader.planFor(record);
		assert.equal(plan.get(record, 'who'), undefined);
		assert.equal(plan.get(record, 'id'), 'b');
	});

	it('normalises turns of mixed shapes in one call', () => {
		const result = normalizeEvent(
			'call_completed',
			{
				callId: 'c1',
				messages: [
					{ role: 'assistant', message: 'Hi', time: 't1' },
					{ role: 'user', message: 'Hello', time: 't2' },
					{ Sender: 'user', Text: 'Typed', Timestamp: 't3' },
					{ role: 'assistant', message: 'Bye' },
					'not a turn',
					{ role: 'user', message: ' padded ', time: 't5' },
				],
			},
			'simplified',
		);
		assert.ok(result.ok);
		assert.deepEqual(result.item.turns, [
			{ role: 'assistant', text: 'Hi', time: 't1' },
			{ role: 'user', text: 'Hello', time: 't2' },
			{ role: 'user', text: 'Typed', time: 't3' },
			{ role: 'assistant', text: 'Bye' },
			{ role: 'user', text: 'padded', time: 't5' },
		]);
	});
});

describe('de-dup record: deliveries that evict nothing', () => {
	const settings = { windowMs: 10 * 60_000, maxKeys: 100 };
	const t0 = 1_800_000_000_000;

	it('still forgets a key once the window has passed', () => {
		forgetScope('window');
		const staticData: IDataObject = {};
		assert.deepEqual(checkAndRecord(staticData, 'window', ['a'], settings, t0), [false]);
		assert.deepEqual(checkAndRecord(staticData, 'window', ['b'], settings, t0 + 60_000), [false]);
		assert.deepEqual(checkAndRecord(staticData, 'window', ['a', 'b'], settings, t0 + 5 * 60_000), [true, true]);
		// 'a' is now outside the window, 'b' still inside
		assert.deepEqual(checkAndRecord(staticData, 'window', ['a', 'b'], settings, t0 + 11.5 * 60_000), [false, true]);
		assert.equal(String(staticData[SEEN_FIELD]).split(' ').length, 2);
	});

	it('forgets by the window when merging the database copy reorders the keys', () => {
		// entries as the record stores them: hashed key and minute
		const entry = (key: string, minutes: number) => `${hashKey(key)}:${(t0 / 60_000 + minutes).toString(36)}`;
		forgetScope('merge');
		const staticData: IDataObject = {};
		checkAndRecord(staticData, 'merge', ['new'], settings, t0 + 8 * 60_000);
		// another process's write brings an older key: it goes after 'new'
		staticData[SEEN_FIELD] = `${entry('new', 8)} ${entry('old', 0)}`;
		assert.deepEqual(checkAndRecord(staticData, 'merge', ['old'], settings, t0 + 9 * 60_000), [true]);
		// and then a later sighting of 'new': it moves behind 'old', which is now the oldest first
		staticData[SEEN_FIELD] = `${entry('old', 0)} ${entry('new', 9)}`;
		assert.deepEqual(checkAndRecord(staticData, 'merge', ['old', 'new'], settings, t0 + 11 * 60_000), [false, true]);
	});
});
