// The editor journey's text rules (scripts/docs/journeyRules.ts): each catches what issue 21 saw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { foreignWords, lostPlaceholders, noticeProblems } from '../../scripts/docs/journeyRules';

describe('lost placeholders', () => {
	it('catches what the old notice rendered to', () => {
		assert.equal(lostPlaceholders('optionally with "?action=" so items say').length, 1);
		assert.equal(lostPlaceholders('Authorization / "Bearer ").').length, 1);
	});
	it('passes placeholders that survived', () => {
		assert.deepEqual(lostPlaceholders('add ?action=<name> so items say'), []);
		assert.deepEqual(lostPlaceholders('Authorization and Bearer <token>).'), []);
	});
});

describe("words of the editor's line", () => {
	it('2.x: Listen for test event and activate are foreign, unless said to be 1.x words', () => {
		assert.equal(foreignWords('while you "Listen for test event"', 2).length, 1);
		assert.equal(foreignWords('once it is activated, or', 2).length, 1);
		assert.deepEqual(
			foreignWords(
				'click "Execute step" (n8n 1.x: "Listen for test event"), publish it (n8n 1.x: activate it)',
				2,
			),
			[],
		);
		assert.deepEqual(foreignWords('once it is activated', 1), []);
	});
	it('names where the problem is', () => {
		const [problem] = noticeProblems('Atlas Trigger notice', 'see the README', 2);
		assert.match(problem, /^Atlas Trigger notice: "see the README"/);
	});
});
