import { badRequest } from './errors';

// scheme://authority/rest — written out because the app sandbox does not guarantee the URL class.
const HTTP_URL = /^(https?):\/\/([^/?#\s]*)([/?#][^\s]*)?$/i;
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?)$/i;

/** Why the value is not an absolute http(s) URL without credentials, or undefined when it is one. */
export function httpUrlProblem(value: string): string | undefined {
    const match = HTTP_URL.exec(value);
    if (!match) {
        return 'must be an absolute http:// or https:// URL';
    }
    const authority = match[2];
    if (authority.includes('@')) {
        return 'must not contain credentials';
    }
    const portMatch = /:(\d*)$/.exec(authority);
    const host = portMatch ? authority.slice(0, -portMatch[0].length) : authority;
    if (!HOST.test(host)) {
        return 'must name a valid host';
    }
    if (portMatch && !(Number(portMatch[1]) >= 1 && Number(portMatch[1]) <= 65535)) {
        return 'must have a port between 1 and 65535';
    }
    return undefined;
}

export function requireHttpUrl(value: string, field: string): string {
    const problem = httpUrlProblem(value);
    if (problem) {
        throw badRequest(`${field} ${problem}`);
    }
    return value;
}

/** The last path segment of a URL, decoded where possible: a file name to show the agent. */
export function fileNameOf(url: string): string {
    const path = url.split(/[?#]/)[0];
    const segment = path.slice(path.lastIndexOf('/') + 1);
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}
