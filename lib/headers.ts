/** A request header by name, whatever the case the host delivered it in. */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
    if (!headers) {
        return undefined;
    }
    const wanted = name.toLowerCase();
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
    const value = key === undefined ? undefined : headers[key];
    return typeof value === 'string' ? value : undefined;
}
