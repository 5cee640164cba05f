import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it.each([
    ['/api/x?api_key=abc', '/api/x?api_key=[Redacted]'],
    ['/api/x?limit=2&access_token=eyJ.a.b&page=1', '/api/x?limit=2&access_token=[Redacted]&page=1'],
    ['/api/x?refresh_token=r&password=p', '/api/x?refresh_token=[Redacted]&password=[Redacted]'],
    ['/api/x?limit=2&cursor=abc', '/api/x?limit=2&cursor=abc'],
    ['/api/messages/conversation/1', '/api/messages/conversation/1'],
  ])('%s -> %s', (url, expected) => {
    expect(redactedUrl(url)).toBe(expected);
  });
});
