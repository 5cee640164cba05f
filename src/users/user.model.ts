/** A person's public profile. */
export interface User {
  readonly id: number;
  /** Lower-case, unique. */
  readonly username: string;
  readonly displayName: string | null;
  readonly createdAt: Date;
}

/** A user with the secret that proves it; only the auth module reads passwordHash. */
export interface Account extends User {
  /** An argon2id PHC string; null when an integrator owns the user's identity. */
  readonly passwordHash: string | null;
}

export interface ProfileChange {
  readonly username: string;
  readonly displayName: string | null;
}
