import type { IDataObject } from 'n8n-workflow';

import { TOKEN_PARAM } from '../activation/hookUrl';
import type { TriggerState } from '../activation/state';
import { tokenMatches, tokenMatchesHash } from '../activation/token';

/**
 * Whether a delivery carries this activation's token. Checked against the token's hash: no
 * credential read per delivery. A `token` in clear is from an activation by an earlier version,
 * honoured until the next activation.
 */
export function isAuthorised(state: TriggerState, query: IDataObject): boolean {
	return typeof state.tokenHash === 'string'
		? tokenMatchesHash(state.tokenHash, query[TOKEN_PARAM])
		: tokenMatches(state.token, query[TOKEN_PARAM]);
}
