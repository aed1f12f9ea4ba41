import { headerValue } from './headers';
import { secretsMatch } from './secret';

export interface BasicCredentials {
    username: string;
    password: string;
}

/** The username and password of an `Authorization: Basic …` header; undefined when there is none or it cannot be read. */
export function basicCredentials(headers: Record<string, string> | undefined): BasicCredentials | undefined {
    const authorization = headerValue(headers, 'authorization');
    const match = authorization ? /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(authorization) : null;
    if (!match) {
        return undefined;
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Both parts compared in constant time, and both always compared, so a response time tells nothing about which one was wrong. */
export function credentialsMatch(presented: BasicCredentials, expected: BasicCredentials): boolean {
    const username = secretsMatch(presented.username, expected.username);
    const password = secretsMatch(presented.password, expected.password);
    return username && password;
}
