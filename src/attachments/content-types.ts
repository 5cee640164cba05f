/** A media type as stored: `type/subtype`, lower-cased, without parameters. */
const MEDIA_TYPE = /^([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\/([a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/;
export const UNKNOWN_TYPE = 'application/octet-stream';

/**
 * Types a browser shows without running anything of the file's: served inline. Everything else (HTML, SVG,
 * XML, PDF, scripts, anything unknown) is served as a download of application/octet-stream, whatever the
 * uploader said, so no upload can make a browser run script from this origin.
 */
const SHOWN_INLINE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'text/plain',
]);

/** The stored type of an upload's Content-Type header: its media type, or undefined when it is malformed. */
export function storedContentType(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return UNKNOWN_TYPE;
  const mediaType = header.split(';', 1)[0].trim().toLowerCase();
  return MEDIA_TYPE.test(mediaType) ? mediaType : undefined;
}

/** How a stored file is served: its type and whether a browser may show it in place. */
export function servedAs(contentType: string): { contentType: string; inline: boolean } {
  if (!SHOWN_INLINE.has(contentType)) return { contentType: UNKNOWN_TYPE, inline: false };
  // Text is served as UTF-8 text, never sniffed (nosniff is set on every response).
  return {
    contentType: contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType,
    inline: true,
  };
}

/** Content-Disposition with the name in both forms: ASCII for old clients, UTF-8 (RFC 8187) for the rest. */
export function contentDisposition(inline: boolean, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
