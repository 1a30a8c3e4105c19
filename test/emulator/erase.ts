// Deleting call records (DELETE /call/{id} [ref]: the answer was never recovered; ours is `{}`,
// 404 "Call not found" for an unknown id) and how GET /call matches customerPhoneNumber. Atlas's
// matching is not documented: 'exact' (the default) compares digits; 'loose' compares the last
// seven digits only, as a search box might, so other people's numbers come back too. The node
// must filter what it gets by itself; 'loose' proves it does.
import { ApiError, route, type Route } from './http';
import type { ApiRouteDef } from './api';
import type { Store } from './store';

export type PhoneMatch = 'exact' | 'loose';

export interface EraseSettings {
	phoneMatch: PhoneMatch;
	/** DELETE /call/{id} answers 403, as for a key whose role may not delete. */
	deleteForbidden: boolean;
}

const DEFAULTS: EraseSettings = { phoneMatch: 'exact', deleteForbidden: false };
const settings = new WeakMap<Store, EraseSettings>();
const digits = (s: string) => s.replace(/\D/g, '');

export function eraseSettings(store: Store): EraseSettings {
	return settings.get(store) ?? { ...DEFAULTS };
}

/** Changes the settings (control API POST /__emulator/erase); undefined = back to the defaults. */
export function configureErase(store: Store, partial?: Record<string, unknown>): EraseSettings {
	const next = partial ? eraseSettings(store) : { ...DEFAULTS };
	for (const [key, value] of Object.entries(partial ?? {})) {
		if (key === 'phoneMatch' && (value === 'exact' || value === 'loose')) next.phoneMatch = value;
		else if (key === 'deleteForbidden' && typeof value === 'boolean') next.deleteForbidden = value;
		else throw new Error(`erase setting ${key} cannot be ${JSON.stringify(value)}`);
	}
	settings.set(store, next);
	return { ...next };
}

/** GET /call's customerPhoneNumber filter, as configured. */
export function phoneMatches(store: Store, recorded: string, asked: string): boolean {
	const want = digits(asked);
	if (eraseSettings(store).phoneMatch === 'loose') return digits(recorded).endsWith(want.slice(-7));
	return digits(recorded) === want;
}

export const ERASE_ROUTES: Route<ApiRouteDef>[] = [
	route('DELETE', '/call/:id', {
		auth: true,
		run: ({ params, store }) => {
			if (eraseSettings(store).deleteForbidden) throw new ApiError(403, 'Forbidden resource');
			const index = store.calls.findIndex((c) => c.id === params.id);
			if (index < 0) throw new ApiError(404, 'Call not found');
			store.calls.splice(index, 1);
			return { status: 200, body: {} };
		},
	}),
];
