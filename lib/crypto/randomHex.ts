import { sha256, toHex } from './sha256';
import { utf8Bytes } from './utf8';

/**
 * Random bytes as hex, from the runtime's Web Crypto (Node and Deno have it) without a Node built-in; where
 * a sandbox hides it, from Math.random and the clock through SHA-256, which is unpredictable enough for a
 * key no one ever sees.
 */
export function randomHex(bytes: number): string {
    // A bare `crypto`, guarded by typeof: the Deno runtime hides `globalThis` from apps, and vm2 may not define it.
    if (typeof crypto === 'object' && crypto !== null && typeof crypto.getRandomValues === 'function') {
        return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
    }
    let hex = '';
    while (hex.length < bytes * 2) {
        hex += toHex(sha256(utf8Bytes(`${hex}:${Math.random()}:${Math.random()}:${Date.now()}`)));
    }
    return hex.slice(0, bytes * 2);
}
