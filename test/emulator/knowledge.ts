// Atlas's knowledge base (atlas-api.md, "The rest of the API"): the ten endpoints, Atlas's limits
// (10 MB, .pdf .docx .txt .md) and failure modes, the bytes kept, and a control endpoint
// (GET /__emulator/knowledge[?campaignId=]) that says what an agent would now know.
// [guess] everything but the upload's answer {filePath, filename, knowledgeId} and the limits:
//   - an upload of a name that exists adds a second file (a new RowKey), it does not overwrite;
//   - DELETE ?filename= deletes every file of that name (with campaignId: those of that campaign);
//   - listings are Azure-table rows (PascalCase, RowKey) like Atlas's other GETs, with no hash.
import { createHash } from 'node:crypto';
import { applyCasing } from './events';
import { ApiError, route, type Route } from './http';
import type { ApiRouteDef } from './api';
import { wrapList } from './shape';
import type { Store } from './store';

export const KNOWLEDGE_MAX_BYTES = 10 * 1024 * 1024;
const FORMATS = ['.pdf', '.docx', '.txt', '.md'];

export interface KnowledgeRecord {
	id: string;
	fileName: string;
	bytes: Buffer;
	campaignIds: Set<string>;
	tags: Set<string>;
	uploadedAt: string;
	sourceUrl?: string;
}

/** The account's knowledge files. */
export class KnowledgeBase {
	files: KnowledgeRecord[] = [];
	private seq = 0;

	clear(): void {
		this.files = [];
	}

	add(fileName: string, bytes: Buffer, campaignId?: string, sourceUrl?: string): KnowledgeRecord {
		const record: KnowledgeRecord = {
			id: `kb_${++this.seq}_${createHash('sha1').update(`${fileName}${Date.now()}${this.seq}`).digest('hex').slice(0, 8)}`,
			fileName,
			bytes,
			campaignIds: new Set(campaignId ? [campaignId] : []),
			tags: new Set(),
			uploadedAt: new Date().toISOString(),
			...(sourceUrl ? { sourceUrl } : {}),
		};
		this.files.push(record);
		return record;
	}

	find(id: string): KnowledgeRecord {
		const found = this.files.find((file) => file.id === id);
		if (!found) throw new ApiError(404, 'Knowledge file not found');
		return found;
	}
}

const bases = new WeakMap<Store, KnowledgeBase>();

/** The knowledge base of one emulator (cleared by Store.reset()). */
export function knowledgeOf(store: Store): KnowledgeBase {
	let base = bases.get(store);
	if (!base) {
		base = new KnowledgeBase();
		bases.set(store, base);
	}
	return base;
}

function requireCampaign(store: Store, id: string): void {
	if (!store.campaign(id)) throw new ApiError(404, 'Campaign not found');
}

function row(file: KnowledgeRecord, store: Store, campaignId?: string) {
	return applyCasing(
		{
			partitionKey: 'account',
			rowKey: file.id,
			fileName: file.fileName,
			filePath: `knowledge/${file.id}/${file.fileName}`,
			size: file.bytes.length,
			...(campaignId ? { campaignId } : {}),
			tags: [...file.tags],
			timestamp: file.uploadedAt,
		},
		store.config.casing,
	);
}

/** What an agent (or the account) now knows: for tests, never an Atlas answer. */
export function knowledgeView(store: Store, campaignId?: string) {
	return knowledgeOf(store)
		.files.filter((file) => !campaignId || file.campaignIds.has(campaignId))
		.map((file) => ({
			knowledgeId: file.id,
			fileName: file.fileName,
			size: file.bytes.length,
			sha256: createHash('sha256').update(file.bytes).digest('hex'),
			campaignIds: [...file.campaignIds],
			tags: [...file.tags],
			uploadedAt: file.uploadedAt,
			...(file.sourceUrl ? { sourceUrl: file.sourceUrl } : {}),
			text: /\.(md|txt)$/i.test(file.fileName) ? file.bytes.toString('utf8') : null,
		}));
}

function extension(fileName: string): string {
	const match = /(\.[^./\\]+)$/.exec(fileName);
	return match ? match[1].toLowerCase() : '';
}

const def = (run: ApiRouteDef['run']): ApiRouteDef => ({ auth: true, run });

// Order matters where templates overlap: `/:id/tag` before `/:campaignId/:rowKey`.
export const KNOWLEDGE_ROUTES: Route<ApiRouteDef>[] = [
	route(
		'GET',
		'/knowledgebase',
		def(({ store }) => ({
			body: wrapList(
				knowledgeOf(store).files.map((f) => row(f, store)),
				store.config.listShape,
			),
		})),
	),
	route(
		'POST',
		'/knowledgebase/upload',
		def(({ query, store, bytes }) => {
			const fileName = (query.filename ?? '').trim();
			if (!fileName) throw new ApiError(400, 'filename should not be empty');
			if (!FORMATS.includes(extension(fileName)))
				throw new ApiError(400, `Unsupported file type. Allowed: ${FORMATS.join(', ')}`);
			const data = bytes ?? Buffer.alloc(0);
			if (data.length > KNOWLEDGE_MAX_BYTES)
				throw new ApiError(413, 'File too large. Maximum size is 10MB');
			if (data.length === 0) throw new ApiError(400, 'File is empty');
			if (query.campaignId) requireCampaign(store, query.campaignId);
			const file = knowledgeOf(store).add(fileName, data, query.campaignId || undefined);
			return {
				status: 201,
				body: {
					filePath: `knowledge/${file.id}/${fileName}`,
					filename: fileName,
					knowledgeId: file.id,
				},
			};
		}),
	),
	route(
		'POST',
		'/knowledgebase/knowledge-extract',
		def(({ body, store }) => {
			const b = (body ?? {}) as Record<string, unknown>;
			const url = typeof b.url === 'string' ? b.url : '';
			if (!/^https?:\/\/[^\s]+$/.test(url)) throw new ApiError(400, 'url must be a URL address');
			const campaignId = typeof b.campaignId === 'string' ? b.campaignId : '';
			if (campaignId) requireCampaign(store, campaignId);
			const name = `${new URL(url).hostname}${new URL(url).pathname.replace(/\/+$/, '').replace(/\//g, '_')}.md`;
			const file = knowledgeOf(store).add(
				name,
				Buffer.from(`# Extracted from ${url}\n`),
				campaignId,
				url,
			);
			return { status: 201, body: { knowledgeId: file.id, filename: file.fileName, url } };
		}),
	),
	route(
		'DELETE',
		'/knowledgebase',
		def(({ query, store }) => {
			const fileName = (query.filename ?? '').trim();
			if (!fileName) throw new ApiError(400, 'filename should not be empty');
			const base = knowledgeOf(store);
			const doomed = base.files.filter(
				(f) =>
					f.fileName === fileName && (!query.campaignId || f.campaignIds.has(query.campaignId)),
			);
			if (doomed.length === 0) throw new ApiError(404, 'Knowledge file not found');
			base.files = base.files.filter((f) => !doomed.includes(f));
			return { body: { deleted: doomed.length } };
		}),
	),
	route(
		'GET',
		'/knowledgebase/:rowKey/campaigns',
		def(({ params, store }) => {
			const file = knowledgeOf(store).find(params.rowKey);
			return {
				body: [...file.campaignIds].map((id) => ({
					campaignId: id,
					name: store.campaign(id)?.name,
				})),
			};
		}),
	),
	route(
		'POST',
		'/knowledgebase/:id/tag',
		def(({ params, body, store }) => {
			const tagName = (body as Record<string, unknown> | undefined)?.tagName;
			if (typeof tagName !== 'string' || !tagName.trim())
				throw new ApiError(400, 'tagName should not be empty');
			knowledgeOf(store).find(params.id).tags.add(tagName.trim());
			return { status: 201, body: {} };
		}),
	),
	route(
		'DELETE',
		'/knowledgebase/:rowKey/tag/:collectionName',
		def(({ params, store }) => {
			const file = knowledgeOf(store).find(params.rowKey);
			if (!file.tags.delete(params.collectionName)) throw new ApiError(404, 'Tag not found');
			return { body: {} };
		}),
	),
	route(
		'GET',
		'/knowledgebase/:campaignId',
		def(({ params, store }) => {
			requireCampaign(store, params.campaignId);
			const files = knowledgeOf(store).files.filter((f) => f.campaignIds.has(params.campaignId));
			return {
				body: wrapList(
					files.map((f) => row(f, store, params.campaignId)),
					store.config.listShape,
				),
			};
		}),
	),
	route(
		'POST',
		'/knowledgebase/:campaignId/:rowKey',
		def(({ params, store }) => {
			requireCampaign(store, params.campaignId);
			knowledgeOf(store).find(params.rowKey).campaignIds.add(params.campaignId);
			return { status: 201, body: {} };
		}),
	),
	route(
		'DELETE',
		'/knowledgebase/:campaignId/:rowKey',
		def(({ params, store }) => {
			requireCampaign(store, params.campaignId);
			const file = knowledgeOf(store).find(params.rowKey);
			if (!file.campaignIds.delete(params.campaignId))
				throw new ApiError(404, 'Knowledge file is not attached to this campaign');
			return { body: {} };
		}),
	),
];

/** A test's view of an emulator's knowledge (in-process or not): what the agent would know. */
export async function agentKnowledge(
	origin: string,
	campaignId?: string,
): Promise<ReturnType<typeof knowledgeView>> {
	const query = campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : '';
	const res = await fetch(`${origin}/__emulator/knowledge${query}`);
	if (!res.ok) throw new Error(`GET /__emulator/knowledge answered ${res.status}`);
	return (await res.json()) as ReturnType<typeof knowledgeView>;
}
