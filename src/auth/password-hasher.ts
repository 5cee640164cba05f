import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the first parameter set of the OWASP Password Storage Cheat Sheet: 19 MiB of memory,
 * 2 iterations, 1 lane. The parameters are stored in each PHC string, so raising them later keeps every
 * existing hash verifiable.
 */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when there is no account, so "unknown user" takes as long as "wrong password". */
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('a password nobody has', ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a missing hash; either way one full argon2 verification runs. */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const matches = await verify(passwordHash ?? this.dummyHash, password).catch(() => false);
    return passwordHash !== null && matches;
  }
}
