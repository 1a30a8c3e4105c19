// The session half of the n8n client (client.ts): the internal REST API with the owner's cookie,
// the public API with an API key, the owner, credentials and the node and credential types n8n
// loaded. Same calls on both lines.
import { HttpError, OWNER, type Owner } from './shapes';
import { type Line } from './paths';

export class N8nSession {
	protected cookie = '';
	protected apiKey = '';
	// n8n binds the auth token to the browser-id header when one is sent at login: keep one
	protected readonly browserId = `e2e-${Math.random().toString(36).slice(2)}`;

	constructor(
		readonly baseUrl: string,
		readonly line: Line,
		/** Who setupOwner() creates and login() logs in as. */
		readonly owner: Owner = OWNER,
	) {}

	/** Internal REST call (cookie auth); returns the `data` member of n8n's answer. */
	async rest<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const parsed = await parseBody(res);
		if (!res.ok) throw new HttpError(res.status, parsed, `${method} /rest${path}`);
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** Public API call (X-N8N-API-KEY); creates the key on first use. */
	async publicApi<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.apiKey) await this.createApiKey();
		const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = await parseBody(res);
		if (!res.ok) throw new HttpError(res.status, parsed, `${method} /api/v1${path}`);
		return parsed as T;
	}

	/** Creates the owner on a fresh instance, logs in otherwise; either way keeps the cookie. */
	async setupOwner(): Promise<void> {
		const settings = await this.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(
			'GET',
			'/settings',
		);
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.rest('POST', '/owner/setup', this.owner);
		} else {
			await this.login();
		}
	}

	async login(): Promise<void> {
		// same body on both lines (LoginRequestDto)
		await this.rest('POST', '/login', {
			emailOrLdapLoginId: this.owner.email,
			password: this.owner.password,
		});
	}

	/** After a restart the cookie stays valid (same encryption key, same DB); log in again anyway if it is not. */
	async ensureLoggedIn(): Promise<void> {
		try {
			await this.rest('GET', '/login');
		} catch {
			await this.login();
		}
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string; type: string }> {
		return await this.rest('POST', '/credentials', { name, type, data });
	}

	/** Changes a credential's data (e.g. a rotated api-key), keeping its name and type. */
	async updateCredential(
		id: string,
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<void> {
		await this.rest('PATCH', `/credentials/${id}`, { name, type, data });
	}

	/**
	 * Creates a public API key with every scope the owner may grant (both lines: POST /rest/api-keys
	 * {label, scopes, expiresAt}; `expiresAt: null` = never; scopes from GET /rest/api-keys/scopes).
	 */
	async createApiKey(label = `e2e-${Date.now()}`): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.rawApiKey;
		return this.apiKey;
	}

	/** Node types n8n has loaded (name -> versions), from the file the editor downloads. */
	async nodeTypes(): Promise<Map<string, number[]>> {
		const list = await this.typesFile<Array<{ name: string; version: number | number[] }>>('nodes');
		const map = new Map<string, number[]>();
		for (const t of list) map.set(t.name, [...(map.get(t.name) ?? []), ...[t.version].flat()]);
		return map;
	}

	/** Credential types n8n has loaded. */
	async credentialTypes(): Promise<Set<string>> {
		const list = await this.typesFile<Array<{ name: string }>>('credentials');
		return new Set(list.map((c) => c.name));
	}

	private async typesFile<T>(kind: 'nodes' | 'credentials'): Promise<T> {
		const res = await fetch(`${this.baseUrl}/types/${kind}.json`, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!res.ok) throw new HttpError(res.status, await res.text(), `GET /types/${kind}.json`);
		return (await res.json()) as T;
	}
}

async function parseBody(res: Response): Promise<any> {
	const text = await res.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
