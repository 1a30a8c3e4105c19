import type { ProbeResult } from './probe';

/*
 * What n8n's answer to an empty delivery says about a subscription's owner: 200 = an active
 * Atlas Trigger holds that token; 404 = no active workflow (or test listener) has the webhook;
 * 401 = its trigger has a newer token. Anything else (no answer, 5xx) is not decided: kept.
 */

export interface Verdict {
	orphan: boolean;
	reason: string;
	status: number | null;
}

export const NOT_A_TRIGGER_ADDRESS: Verdict = {
	orphan: false,
	reason: 'Not an Atlas Trigger address (no event and token in it): not checked, left alone',
	status: null,
};

export function verdict(result: ProbeResult, hookUrl: string): Verdict {
	if (!result.ok) {
		return {
			orphan: false,
			reason: `Could not be checked (${result.failure}): n8n did not answer at its own webhook address, so the subscription is kept. Check that n8n can reach its WEBHOOK_URL, or set Webhook Base URL.`,
			status: null,
		};
	}
	const { status } = result;
	const test = /\/webhook-test\//.test(new URL(hookUrl).pathname);
	if (status >= 200 && status < 300) {
		return {
			orphan: false,
			reason: test
				? 'In use: an Atlas Trigger is listening for a test event at this address'
				: "In use: the active workflow's Atlas Trigger owns this address and token",
			status,
		};
	}
	if (status === 404) {
		return {
			orphan: true,
			reason: test
				? 'Orphaned: nobody is listening for a test event at this address any more (left by an interrupted test of the trigger in the editor)'
				: 'Orphaned: no active workflow has this webhook (the workflow was deleted or unpublished, or its Atlas Trigger was removed)',
			status,
		};
	}
	if (status === 401) {
		return {
			orphan: true,
			reason:
				'Orphaned: the workflow is active but its Atlas Trigger has a newer token (left by an earlier activation)',
			status,
		};
	}
	return {
		orphan: false,
		reason: `Could not be decided: n8n answered HTTP ${status}; the subscription is kept`,
		status,
	};
}
