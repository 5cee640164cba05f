import { contentDisposition, servedAs, storedContentType, UNKNOWN_TYPE } from './content-types';

describe('content types', () => {
  it('stores the media type of a Content-Type header, lower-cased and without parameters', () => {
    expect(storedContentType('Image/PNG')).toBe('image/png');
    expect(storedContentType('text/plain; charset=latin1')).toBe('text/plain');
    expect(storedContentType(undefined)).toBe(UNKNOWN_TYPE);
    expect(storedContentType('')).toBe(UNKNOWN_TYPE);
    expect(storedContentType('not a type')).toBeUndefined();
    expect(storedContentType('text/')).toBeUndefined();
  });

  it('serves only passive types inline, and everything else as a download', () => {
    expect(servedAs('image/png')).toEqual({ contentType: 'image/png', inline: true });
    expect(servedAs('text/plain')).toEqual({ contentType: 'text/plain; charset=utf-8', inline: true });
    for (const active of [
      'text/html',
      'image/svg+xml',
      'application/xhtml+xml',
      'text/xml',
      'application/pdf',
      'text/javascript',
      'x/unknown',
    ]) {
      expect(servedAs(active)).toEqual({ contentType: UNKNOWN_TYPE, inline: false });
    }
  });

  it('names the file in ASCII and in UTF-8, with nothing that could end the header value', () => {
    expect(contentDisposition(true, 'photo.png')).toBe(
      `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
    );
    expect(contentDisposition(false, 'Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});
