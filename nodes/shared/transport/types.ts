// The shapes of an Atlas call, apart from request.ts so errors.ts can name them without an
// import circle (request.ts re-exports them).

import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

export type AtlasContext =
	IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface AtlasRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** Raw bytes sent as `application/octet-stream` instead of a JSON body (knowledge uploads). */
	bytes?: Buffer;
	qs?: IDataObject;
	/** Names what a 404 means to the user, e.g. `Campaign "cmp_1"`. */
	notFound?: string;
	/** Answer `undefined` instead of failing on 404 (unsubscribing what is already gone). */
	allowNotFound?: boolean;
	/** With allowNotFound: a 400 whose message matches also means "not there" (ATLAS_PATHS notes). */
	notFoundWhen400Says?: RegExp;
	/**
	 * Words for failures this call knows better than the generic ones (e.g. a daily call limit);
	 * undefined keeps the generic words. Never given the api-key: only Atlas's status and message.
	 */
	describeError?: (status: number, said: string | undefined) => ErrorWords | undefined;
}

export interface ErrorWords {
	message: string;
	description: string;
}
