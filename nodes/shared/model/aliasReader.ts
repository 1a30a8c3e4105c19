import type { IDataObject } from 'n8n-workflow';

import { foldKey } from './read';

/*
 * Reads fields by their alias names whatever the casing, with exactly the rules of read.ts
 * (foldRecord: the first spelling of a folded key wins; pick: the first alias holding a value
 * other than undefined, null or '') but planned once per *shape* of record instead of folding
 * every record: a call_completed event has hundreds of turns with the same keys in the same
 * order, and folding each one into a Map was most of the cost of normalising an event.
 *
 * A plan says, per field, which of the record's own keys to try, in order. It is reused for
 * a plain object (as JSON.parse makes) whose keys are the same strings in the same order,
 * checked with `for...in`, which allocates nothing. `for...in` also lists inherited keys: an
 * object with another prototype is planned every time, and enumerable keys added to
 * Object.prototype would never match a plan of own keys, so the rules stay those of
 * Object.keys.
 */

const FOLDED_KEYS = new Map<string, string>();
const FOLDED_KEYS_MAX = 2_000; // payload keys are not ours to bound; past this, fold every time
const PLANS_MAX = 16; // shapes remembered per reader (events, turns: a handful each)
const PLAN_KEYS_MAX = 200; // a record with more keys than this is planned every time

function foldCached(key: string): string {
	let folded = FOLDED_KEYS.get(key);
	if (folded === undefined) {
		folded = foldKey(key);
		if (FOLDED_KEYS.size < FOLDED_KEYS_MAX) FOLDED_KEYS.set(key, folded);
	}
	return folded;
}

function hasValue(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Which keys of records of one shape answer each field. */
export class ReadPlan<F extends string> {
	/** For a caller's own use: what it works out once per shape (e.g. the keys it does not model). */
	memo: unknown;

	constructor(
		readonly keys: readonly string[],
		private readonly sources: Readonly<Record<F, readonly string[]>>,
	) {}

	/** The field's value in `record` (a record of this plan's shape), or undefined. */
	get(record: IDataObject, field: F): unknown {
		for (const key of this.sources[field]) {
			const value = record[key];
			if (hasValue(value)) return value;
		}
		return undefined;
	}

	/** True when `record`'s enumerable keys (own and inherited) are this plan's keys, in order. */
	fits(record: IDataObject): boolean {
		const { keys } = this;
		let i = 0;
		for (const key in record) {
			if (key !== keys[i]) return false;
			i++;
		}
		return i === keys.length;
	}
}

export class AliasReader<F extends string> {
	private readonly aliases: Array<[F, string[]]>;
	private readonly plans: Array<ReadPlan<F>> = [];

	/** `aliases`: per field, its names in order of preference (any spelling). */
	constructor(aliases: Readonly<Record<F, readonly string[]>>) {
		this.aliases = (Object.keys(aliases) as F[]).map((field) => [
			field,
			aliases[field].map(foldKey),
		]);
	}

	/** The plan for `record`'s shape: a remembered one, or a new one. */
	planFor(record: IDataObject): ReadPlan<F> {
		const plain = Object.getPrototypeOf(record) === Object.prototype;
		if (plain) for (const plan of this.plans) if (plan.fits(record)) return plan;
		const plan = this.plan(record);
		if (plain && plan.keys.length <= PLAN_KEYS_MAX) {
			if (this.plans.length >= PLANS_MAX) this.plans.pop();
			this.plans.unshift(plan);
		}
		return plan;
	}

	private plan(record: IDataObject): ReadPlan<F> {
		const keys = Object.keys(record);
		const firstSpelling = new Map<string, string>();
		for (const key of keys) {
			const folded = foldCached(key);
			if (!firstSpelling.has(folded)) firstSpelling.set(folded, key);
		}
		const sources = {} as Record<F, string[]>;
		for (const [field, names] of this.aliases) {
			sources[field] = names
				.map((name) => firstSpelling.get(name))
				.filter((key): key is string => key !== undefined);
		}
		return new ReadPlan(keys, sources);
	}
}
