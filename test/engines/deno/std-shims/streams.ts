// Stand-in for jsr:@std/streams toArrayBuffer (jsr is unreachable here).
export async function toArrayBuffer(readable: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
	const chunks: Uint8Array[] = [];
	let length = 0;
	for await (const chunk of readable) {
		chunks.push(chunk);
		length += chunk.length;
	}
	const joined = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		joined.set(chunk, offset);
		offset += chunk.length;
	}
	return joined.buffer;
}
