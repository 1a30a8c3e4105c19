/*
 * Everything known or guessed about Atlas's knowledge base (../shared/reference/atlas-api.md,
 * "The rest of the API"). [ref] = a connector vendor's reference that links Atlas's official
 * pages, [doc] = Atlas's own docs, [guess] = our inference. Answers are not recovered except the
 * upload's: read them tolerantly (model/knowledge.ts).
 */

const enc = encodeURIComponent;

export const KNOWLEDGE_PATHS = {
	/** GET: the account's files [ref] */
	list: '/knowledgebase',
	/** GET: the files of one campaign [ref] */
	ofCampaign: (campaignId: string) => `/knowledgebase/${enc(campaignId)}`,
	/** POST ?filename=&campaignId=, the bytes as application/octet-stream [ref][doc] */
	upload: '/knowledgebase/upload',
	/** POST {url, campaignId?} [ref] */
	fromUrl: '/knowledgebase/knowledge-extract',
	/** DELETE ?filename=&campaignId= (by file name) [ref] */
	remove: '/knowledgebase',
	/** POST attaches, DELETE detaches [ref] */
	link: (campaignId: string, rowKey: string) => `/knowledgebase/${enc(campaignId)}/${enc(rowKey)}`,
	/** GET: the campaigns a file is attached to [ref] */
	campaigns: (rowKey: string) => `/knowledgebase/${enc(rowKey)}/campaigns`,
	/** POST {tagName} [ref] */
	tag: (id: string) => `/knowledgebase/${enc(id)}/tag`,
	/** DELETE [ref] */
	untag: (rowKey: string, collection: string) =>
		`/knowledgebase/${enc(rowKey)}/tag/${enc(collection)}`,
} as const;

/** At most 10 MB per file [doc]; taken as 10 × 1024 × 1024 bytes [guess: MiB, not 10^7]. */
export const KNOWLEDGE_MAX_BYTES = 10 * 1024 * 1024;

/** The formats Atlas takes [doc], by file name extension. */
export const KNOWLEDGE_FORMATS = ['.pdf', '.docx', '.txt', '.md'] as const;

/** The MIME types n8n may give those formats' binaries (to name a file that has no extension). */
export const KNOWLEDGE_MIME_EXTENSIONS: Record<string, string> = {
	'application/pdf': '.pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
	'text/plain': '.txt',
	'text/markdown': '.md',
	'text/x-markdown': '.md',
};

/**
 * The names Atlas may use for a knowledge file's fields (matching ignores case, `_` and `-`).
 * The upload's answer names `filePath`, `filename`, `knowledgeId` [doc]; the listings are Azure
 * table rows like the rest of Atlas's GETs [guess], so `RowKey` and PascalCase are expected too.
 */
export const KNOWLEDGE_FIELDS = {
	knowledgeId: ['knowledgeId', 'rowKey', 'id', 'fileId', 'knowledgeBaseId'],
	fileName: ['filename', 'fileName', 'name', 'originalName', 'title'],
	filePath: ['filePath', 'path', 'blobUrl', 'fileUrl'],
	size: ['size', 'fileSize', 'sizeInBytes', 'length', 'bytes', 'contentLength'],
	campaignId: ['campaignId'],
	campaignIds: ['campaignIds', 'campaigns'],
	uploadedAt: ['uploadedAt', 'createdAt', 'created', 'updatedAt', 'lastModified', 'Timestamp'],
	collections: ['tags', 'collections', 'tagNames'],
	// a content hash, if Atlas lists one [guess]: hex MD5 or SHA-256, or base64 MD5 (Azure blobs)
	md5: ['md5', 'contentMd5', 'contentMD5', 'hash', 'checksum', 'etag'],
	sha256: ['sha256', 'contentSha256', 'contentHash'],
	sourceUrl: ['sourceUrl', 'url', 'link'],
} as const;

/** A 400 from Atlas that says the file is not there counts as "already gone" [guess]. */
export const KNOWLEDGE_GONE = /not (?:be )?found|does ?n[o']?t exist|no such|not exist/i;
