/**
 * The app's one error type: an HTTP status and a human message, turned into the contract's
 * `{"error": "…"}` response in one place (endpoints/AppEndpoint.ts). RapidPro shows the message to its users.
 */
export class HttpError extends Error {
    constructor(public readonly status: number, message: string) {
        super(message);
        this.name = 'HttpError';
    }
}

/**
 * Whether something thrown is an HttpError. Not `instanceof`: under the vm2 runtime every `require` of a
 * module makes a new copy of it, so a class from one file is not the class another file imported.
 */
export function isHttpError(error: unknown): error is HttpError {
    return typeof error === 'object' && error !== null && (error as HttpError).name === 'HttpError' && typeof (error as HttpError).status === 'number';
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const unauthorized = (message: string): HttpError => new HttpError(401, message);
export const forbidden = (message: string): HttpError => new HttpError(403, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);
export const methodNotAllowed = (message: string): HttpError => new HttpError(405, message);
export const conflict = (message: string): HttpError => new HttpError(409, message);
export const payloadTooLarge = (message: string): HttpError => new HttpError(413, message);

/**
 * The message of anything thrown. Errors thrown by the host reach the vm2 sandbox from another realm, where
 * `instanceof Error` is false, so the message is read by shape.
 */
export function describeError(error: unknown): string {
    if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
        return (error as { message: string }).message;
    }
    return typeof error === 'string' ? error : JSON.stringify(error) || String(error);
}
