// What exists for speed on the path of every delivery (BENCHMARKS.md), pinned to the plain
// rules: the shape-planned alias reader (nodes/shared/model/aliasReader.ts), the compact de-dup
// record (nodes/AtlasTrigger/dedupe/seenRecord.ts) and the de-dup shortcut for deliveries that
// evict nothing (nodes/AtlasTrigger/dedupe/dedupe.ts).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { AliasReader } from '../../nodes/shared/model/aliasReader';
import {
	checkAndRecord,
	forgetScope,
	hashKey,
	SEEN_FIELD,
} from '../../nodes/AtlasTrigger/dedupe/dedupe';
import { modelEvent } from '../../nodes/shared/model/event';
import {
	dropFirstKeys,
	readRecord,
	readWriter,
	recordBody,
	recordKeys,
	writeRecord,
} from '../../nodes/AtlasTrigger/dedupe/seenRecord';
import { foldRecord, pick } from '../../nodes/shared/model/read';

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
		const record = Object.assign(Object.create({ role: 'inherited' }) as IDataObject, {
			callId: 'b',
		});
		const plan = reader.planFor(record);
		assert.equal(plan.get(record, 'who'), undefined);
		assert.equal(plan.get(record, 'id'), 'b');
	});

	it('models conversation messages of mixed shapes in one call', () => {
		const result = modelEvent(
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
		assert.deepEqual(result.item.messages, [
			{ role: 'assistant', message: 'Hi', time: 't1' },
			{ role: 'user', message: 'Hello', time: 't2' },
			{
				role: 'user',
				message: 'Typed',
				time: 't3',
				Sender: 'user',
				Text: 'Typed',
				Timestamp: 't3',
			},
			{ role: 'assistant', message: 'Bye', time: null },
			{ role: 'user', message: 'padded', time: 't5' },
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
		assert.deepEqual(checkAndRecord(staticData, 'window', ['a', 'b'], settings, t0 + 5 * 60_000), [
			true,
			true,
		]);
		// 'a' is now outside the window, 'b' still inside
		assert.deepEqual(
			checkAndRecord(staticData, 'window', ['a', 'b'], settings, t0 + 11.5 * 60_000),
			[false, true],
		);
		assert.equal(recordKeys(String(staticData[SEEN_FIELD])).length, 2);
	});

	it('forgets by the window when merging the database copy reorders the keys', () => {
		// entries as the record stores them: hashed key and minute
		const entry = (key: string, minutes: number) =>
			`${hashKey(key)}:${(t0 / 60_000 + minutes).toString(36)}`;
		forgetScope('merge');
		const staticData: IDataObject = {};
		checkAndRecord(staticData, 'merge', ['new'], settings, t0 + 8 * 60_000);
		// another process's write brings an older key: it goes after 'new'
		staticData[SEEN_FIELD] = `${entry('new', 8)} ${entry('old', 0)}`;
		assert.deepEqual(checkAndRecord(staticData, 'merge', ['old'], settings, t0 + 9 * 60_000), [
			true,
		]);
		// and then a later sighting of 'new': it moves behind 'old', which is now the oldest first
		staticData[SEEN_FIELD] = `${entry('old', 0)} ${entry('new', 9)}`;
		assert.deepEqual(
			checkAndRecord(staticData, 'merge', ['old', 'new'], settings, t0 + 11 * 60_000),
			[false, true],
		);
	});
});

describe('de-dup record format', () => {
	const M = 29_000_000; // a minute since 1970

	function entries(blob: string): Array<[string, number]> {
		const out: Array<[string, number]> = [];
		readRecord(blob, (key, minute) => out.push([key, minute]));
		return out;
	}

	it('writes a minute mark once per minute and reads back every key with its minute', () => {
		const keys = new Map([
			['aaaaaaaaaaaa', M],
			['bbbbbbbbbbbb', M],
			['cccccccccccc', M + 1],
			['dddddddddddd', M],
		]);
		const blob = writeRecord(keys);
		assert.equal(
			blob,
			`~${M.toString(36)} aaaaaaaaaaaa bbbbbbbbbbbb ~${(M + 1).toString(36)} cccccccccccc ~${M.toString(36)} dddddddddddd`,
		);
		assert.deepEqual(entries(blob), [...keys]);
	});

	it('reads the first format (16-character keys with their minute) by the same 12-character key', () => {
		const long = hashKey('call_completed|c1') + 'WXYZ';
		assert.equal(long.length, 16);
		assert.deepEqual(
			entries(`${long}:${M.toString(36)} garbage :x ~zz! ${hashKey('b')}:${(M + 2).toString(36)}`),
			[
				[hashKey('call_completed|c1'), M],
				[hashKey('b'), M + 2],
			],
		);
	});

	it('recognises events recorded in the first format as duplicates', () => {
		forgetScope('first-format');
		const key = 'call_completed|c-old';
		const long = createHash('sha256').update(key).digest('base64url').slice(0, 16);
		const staticData: IDataObject = {
			[SEEN_FIELD]: `${long}:${Math.floor(Date.now() / 60_000).toString(36)}`,
		};
		assert.deepEqual(
			checkAndRecord(staticData, 'first-format', [key, 'call_completed|c-new'], {
				windowMs: 3_600_000,
				maxKeys: 10,
			}),
			[true, false],
		);
		assert.deepEqual(recordKeys(String(staticData[SEEN_FIELD])), [
			hashKey(key),
			hashKey('call_completed|c-new'),
		]);
	});

	it('drops the first keys and keeps the minute of the rest', () => {
		const blob = writeRecord(
			new Map([
				['a', M],
				['b', M],
				['c', M],
				['d', M + 1],
			]),
		);
		assert.deepEqual(entries(dropFirstKeys(blob, 1)), [
			['b', M],
			['c', M],
			['d', M + 1],
		]);
		assert.deepEqual(entries(dropFirstKeys(blob, 3)), [['d', M + 1]]);
		assert.equal(dropFirstKeys(blob, 3), `~${(M + 1).toString(36)} d`);
		assert.equal(dropFirstKeys(blob, 4), '');
		assert.equal(dropFirstKeys(blob, 9), '');
	});

	it('stays the record of the remembered keys through appends and evictions', () => {
		forgetScope('format');
		const staticData: IDataObject = {};
		const settings = { windowMs: 30 * 60_000, maxKeys: 40 };
		const t0 = 1_800_000_000_000;
		const remembered: string[] = [];
		for (let i = 0; i < 200; i++) {
			const key = `call_completed|c${i}`;
			checkAndRecord(staticData, 'format', [key], settings, t0 + i * 20_000);
			remembered.push(hashKey(key));
			const blob = String(staticData[SEEN_FIELD]);
			const stored = recordKeys(blob);
			assert.deepEqual(
				stored,
				remembered.slice(remembered.length - stored.length),
				`record after ${i}`,
			);
			assert.ok(
				stored.length <= 40 && stored.length >= Math.min(i + 1, 38),
				`${stored.length} keys after ${i}`,
			);
			assert.match(blob, /^![A-Za-z0-9_-]+\.[0-9a-z]+ ~[0-9a-z]+ /);
			// what another process reads back is the same record
			forgetScope('reader');
			const copy: IDataObject = { [SEEN_FIELD]: blob };
			checkAndRecord(copy, 'reader', [], settings, t0 + i * 20_000);
			assert.deepEqual(checkAndRecord(copy, 'reader', [key], settings, t0 + i * 20_000), [true]);
		}
	});

	it('says who wrote it, and what it holds without that', () => {
		assert.deepEqual(readWriter('!ab-_9.1z ~x k1'), { writer: 'ab-_9', seq: 71 });
		assert.deepEqual(readWriter('!ab.2'), { writer: 'ab', seq: 2 });
		assert.equal(readWriter('~x k1'), undefined);
		assert.equal(readWriter('!.3 ~x k1'), undefined);
		assert.equal(recordBody('!ab.2 ~x k1'), '~x k1');
		assert.equal(recordBody('!ab.2'), '');
		assert.equal(recordBody('~x k1'), '~x k1');
	});

	it('writes over a copy it wrote itself, and does not write when the copy is its latest', () => {
		forgetScope('own');
		const settings = { windowMs: 3_600_000, maxKeys: 100 };
		const first: IDataObject = {};
		checkAndRecord(first, 'own', ['a'], settings);
		const older = String(first[SEEN_FIELD]);
		const latest: IDataObject = { [SEEN_FIELD]: older };
		checkAndRecord(latest, 'own', ['b'], settings);
		const newest = String(latest[SEEN_FIELD]);
		assert.notEqual(newest, older);

		// an overlapping request saved the older copy last: a delivery of duplicates writes the newest record
		const stale: IDataObject = { [SEEN_FIELD]: older };
		assert.deepEqual(checkAndRecord(stale, 'own', ['a', 'b'], settings), [true, true]);
		assert.deepEqual(recordKeys(String(stale[SEEN_FIELD])), [hashKey('a'), hashKey('b')]);
		assert.equal(readWriter(String(stale[SEEN_FIELD]))?.writer, readWriter(newest)?.writer);

		// the copy is its latest write: nothing to write
		const current = String(stale[SEEN_FIELD]);
		const fresh: IDataObject = { [SEEN_FIELD]: current };
		assert.deepEqual(checkAndRecord(fresh, 'own', ['b'], settings), [true]);
		assert.equal(fresh[SEEN_FIELD], current);

		// another memory (a restart) reads the same record as another writer's, and knows both keys
		forgetScope('own');
		const restarted: IDataObject = { [SEEN_FIELD]: older };
		assert.deepEqual(checkAndRecord(restarted, 'own', ['a', 'c'], settings), [true, false]);
		assert.notEqual(readWriter(String(restarted[SEEN_FIELD]))?.writer, readWriter(newest)?.writer);
	});
});
