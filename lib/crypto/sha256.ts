import { utf8Bytes } from './utf8';

// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) written out because app code may not import Node's crypto.

const BLOCK_BYTES = 64;

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// The first 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4 §5.3.3).
const INITIAL_HASH = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

function rotr(x: number, n: number): number {
    return (x >>> n) | (x << (32 - n));
}

/** The SHA-256 digest (32 bytes) of a byte sequence. */
export function sha256(bytes: ArrayLike<number>): Uint8Array {
    // Append 0x80, zeros, then the 64-bit big-endian bit length, filling whole 64-byte blocks (§5.1.1).
    const padded = new Uint8Array(Math.ceil((bytes.length + 9) / BLOCK_BYTES) * BLOCK_BYTES);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    // The bit length is split by hand as JavaScript bit operators only work on 32 bits.
    view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
    view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);

    // Uint32Array stores wrap modulo 2^32, which is the addition FIPS 180-4 asks for.
    const hash = new Uint32Array(INITIAL_HASH);
    const w = new Uint32Array(64);
    for (let block = 0; block < padded.length; block += BLOCK_BYTES) {
        for (let t = 0; t < 16; t++) {
            w[t] = view.getUint32(block + t * 4);
        }
        for (let t = 16; t < 64; t++) {
            const sigma0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            const sigma1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1;
        }
        let [a, b, c, d, e, f, g, h] = hash;
        for (let t = 0; t < 64; t++) {
            // Sums of a few 32-bit terms stay exact in a double; >>> 0 then reduces them modulo 2^32.
            const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
            const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = (d + t1) >>> 0;
            d = c;
            c = b;
            b = a;
            a = (t1 + t2) >>> 0;
        }
        hash[0] += a;
        hash[1] += b;
        hash[2] += c;
        hash[3] += d;
        hash[4] += e;
        hash[5] += f;
        hash[6] += g;
        hash[7] += h;
    }

    const digest = new Uint8Array(32);
    const digestView = new DataView(digest.buffer);
    hash.forEach((word, i) => digestView.setUint32(i * 4, word));
    return digest;
}

/** The HMAC-SHA256 (RFC 2104) of a message under a key, both byte sequences. */
export function hmacSha256(key: ArrayLike<number>, message: ArrayLike<number>): Uint8Array {
    // A key longer than a block is replaced by its digest; a shorter one is padded with zeros.
    const blockKey = key.length > BLOCK_BYTES ? sha256(key) : key;
    const inner = new Uint8Array(BLOCK_BYTES + message.length);
    const outer = new Uint8Array(BLOCK_BYTES + 32);
    for (let i = 0; i < BLOCK_BYTES; i++) {
        const byte = i < blockKey.length ? blockKey[i] : 0;
        inner[i] = byte ^ 0x36;
        outer[i] = byte ^ 0x5c;
    }
    inner.set(message, BLOCK_BYTES);
    outer.set(sha256(inner), BLOCK_BYTES);
    return sha256(outer);
}

/** Bytes as lowercase hex. */
export function toHex(bytes: ArrayLike<number>): string {
    return Array.from(bytes, (byte) => (byte < 16 ? '0' : '') + byte.toString(16)).join('');
}

/** The SHA-256 of a text encoded as UTF-8, in lowercase hex. */
export const sha256Hex = (text: string): string => toHex(sha256(utf8Bytes(text)));

/** The HMAC-SHA256 of a message under a key, both encoded as UTF-8, in lowercase hex (64 characters). */
export const hmacSha256Hex = (key: string, message: string): string => toHex(hmacSha256(utf8Bytes(key), utf8Bytes(message)));
