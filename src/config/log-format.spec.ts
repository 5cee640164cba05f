import { prettyLogs } from './log-format';

describe('prettyLogs', () => {
  const sink = { terminal: true, production: false, prettyInstalled: true };

  it('is pretty in a development terminal, JSON in production, in pipes and without pino-pretty', () => {
    expect(prettyLogs('auto', sink)).toBe(true);
    expect(prettyLogs('auto', { ...sink, production: true })).toBe(false);
    expect(prettyLogs('auto', { ...sink, terminal: false })).toBe(false);
    expect(prettyLogs('auto', { ...sink, prettyInstalled: false })).toBe(false);
  });

  it('follows LOG_FORMAT when it is set, as far as what is installed allows', () => {
    expect(prettyLogs('json', sink)).toBe(false);
    expect(prettyLogs('pretty', { ...sink, terminal: false, production: true })).toBe(true);
    expect(prettyLogs('pretty', { ...sink, prettyInstalled: false })).toBe(false);
  });
});
