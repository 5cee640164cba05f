/** A failure the user can act on: printed as one clear message, then a non-zero exit. */
export class LauncherError extends Error {
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'LauncherError';
  }
}
