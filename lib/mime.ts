// Enough of the common media types of messaging channels to label files whose type was not given.
const byExtension: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    webp: 'image/webp',
    bmp: 'image/bmp',
    svg: 'image/svg+xml',
    mp3: 'audio/mpeg',
    ogg: 'audio/ogg',
    oga: 'audio/ogg',
    opus: 'audio/ogg',
    m4a: 'audio/mp4',
    aac: 'audio/aac',
    amr: 'audio/amr',
    wav: 'audio/wav',
    mp4: 'video/mp4',
    '3gp': 'video/3gpp',
    mov: 'video/quicktime',
    webm: 'video/webm',
    pdf: 'application/pdf',
    txt: 'text/plain',
    csv: 'text/csv',
    vcf: 'text/vcard',
    doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xls: 'application/vnd.ms-excel',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    zip: 'application/zip',
};

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** The MIME type suggested by a file name or URL's extension. */
export function mimeTypeOf(nameOrUrl: string): string {
    const path = nameOrUrl.split(/[?#]/)[0];
    const dot = path.lastIndexOf('.');
    const extension = dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
    return byExtension[extension] || DEFAULT_MIME_TYPE;
}

/**
 * The file name with an extension that says its type: Rocket.Chat tells an image from a document by the
 * name, and MMS parts often come as `part1` or `image000000`.
 */
export function nameWithExtension(name: string, mimeType: string): string {
    if (mimeTypeOf(name) !== DEFAULT_MIME_TYPE) {
        return name;
    }
    const extension = Object.keys(byExtension).find((candidate) => byExtension[candidate] === mimeType.toLowerCase());
    return extension ? `${name}.${extension}` : name;
}
