const SECRET_PARAMETER = /([?&](?:[^=&]*(?:token|key|secret|password)[^=&]*)=)[^&]*/gi;

/** The URL with the values of credential-like query parameters replaced, for the request log. */
export function redactedUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMETER, '$1[Redacted]');
}
