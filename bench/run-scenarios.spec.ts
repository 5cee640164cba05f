import { schedule } from './run-scenarios';
import { Scenario } from './scenarios';

const scenario = (id: string, bracketing?: string[]): Scenario => ({
  via: 'http',
  id,
  title: id,
  request: { kind: id, method: 'GET', path: '/' },
  ...(bracketing ? { bracketing } : {}),
});

const order = (chosen: Scenario[]) =>
  schedule(chosen).map(({ scenario: s, share }) => `${s.id}${share < 1 ? '/2' : ''}`);

describe('schedule', () => {
  it('measures a bracketing scenario in halves around the scenarios it is compared with', () => {
    expect(
      order([
        scenario('send'),
        scenario('head', ['deep', 'before']),
        scenario('deep'),
        scenario('before'),
        scenario('mixed'),
      ]),
    ).toEqual(['send', 'head/2', 'deep', 'before', 'head/2', 'mixed']);
  });

  it('runs a bracketing scenario whole when none of its comparisons is chosen', () => {
    expect(order([scenario('head', ['deep']), scenario('mixed')])).toEqual(['head', 'mixed']);
  });

  it('brackets only the chosen comparisons', () => {
    expect(order([scenario('head', ['deep', 'before']), scenario('before')])).toEqual([
      'head/2',
      'before',
      'head/2',
    ]);
  });
});
