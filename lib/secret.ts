import { unauthorized } from './errors';
import { headerValue } from './headers';

/**
 * Compares a presented secret with the expected one in time that depends only on their lengths, never on
 * the position of the first difference. Written out because the app uses no Node built-ins (the sandbox
 * rules of Rocket.Chat differ between runtimes), so not crypto.timingSafeEqual.
 */
export function secretsMatch(presented: string, expected: string): boolean {
    let difference = presented.length ^ expected.length;
    for (let i = 0; i < expected.length; i++) {
        // charCodeAt past the end is NaN, which XOR treats as 0: no branch on the presented value.
        difference |= expected.charCodeAt(i) ^ presented.charCodeAt(i);
    }
    return difference === 0 && expected.length > 0;
}

/** RapidPro's `Authorization: Token <secret>` check; throws a 401 HttpError naming what is wrong. */
export function authenticateTicketer(headers: Record<string, string> | undefined, appSecret: string): void {
    if (!appSecret) {
        throw unauthorized('The App Secret is not set in the Tickets app settings');
    }
    const authorization = headerValue(headers, 'authorization');
    if (!authorization) {
        throw unauthorized('Missing Authorization header; expected "Token <App Secret>"');
    }
    const match = /^Token\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
        throw unauthorized('The Authorization header must be "Token <App Secret>"');
    }
    if (!secretsMatch(match[1], appSecret)) {
        throw unauthorized('Invalid App Secret');
    }
}
