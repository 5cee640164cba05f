import { SeedPlan } from './plan';
import { claimKeyspace, markComplete } from './seed-marker';
import { seedPlan, SeedOptions } from './seeder';
import { ServiceContext } from './service-context';
import { summarize } from './summary';
import { verifySample } from './verify';

/** The keyspace holds other data from the generator, or a run that did not finish: it is left as it is. */
export class KeyspaceTakenError extends Error {
  constructor(
    readonly reason: 'different' | 'unfinished',
    message: string,
  ) {
    super(message);
    this.name = 'KeyspaceTakenError';
  }
}

export type SeedOutcome =
  | { readonly kind: 'seeded'; readonly summary: string }
  | { readonly kind: 'already-seeded'; readonly finishedAt: Date; readonly summary: string };

/**
 * Seeds the context's keyspace with the plan once. A second run with the same plan finds the marker
 * and writes nothing; a different plan, or a run that did not finish, is refused (never mixed in).
 */
export async function seedKeyspace(
  context: ServiceContext,
  plan: SeedPlan,
  options: SeedOptions,
): Promise<SeedOutcome> {
  const description = JSON.stringify(plan.description);
  const state = await claimKeyspace(context.client, description);
  switch (state.kind) {
    case 'complete':
      return { kind: 'already-seeded', finishedAt: state.finishedAt, summary: state.summary };
    case 'different':
      throw new KeyspaceTakenError(
        'different',
        `keyspace ${context.keyspace} was seeded with ${state.description}, not ${description}. ` +
          'Seed another keyspace (--keyspace), or drop this one first.',
      );
    case 'unfinished':
      throw new KeyspaceTakenError(
        'unfinished',
        `a seed of keyspace ${context.keyspace} with these parameters started at ${state.startedAt.toISOString()} ` +
          'and did not finish (it failed or was stopped, or it still runs): its data are partial. ' +
          'Seed another keyspace (--keyspace), or drop this one first.',
      );
    case 'claimed': {
      const startedAt = Date.now();
      const { totals, written } = await seedPlan(context, plan, options);
      const elapsedMs = Date.now() - startedAt;
      const verification = await verifySample(context, written);
      const summary = summarize(context.keyspace, plan, totals, elapsedMs, verification);
      await markComplete(context.client, summary);
      return { kind: 'seeded', summary };
    }
  }
}
