/** At most this many distinct emoji on one message (a reaction with a new one past it is refused). */
export const MAX_EMOJI_PER_MESSAGE = 20;
/** An emoji's UTF-16 length bound: the longest family and flag sequences are about 11 code points. */
const MAX_EMOJI_LENGTH = 32;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const FLAG = /^\p{Regional_Indicator}{2}$/u;
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u;

/**
 * One emoji: a single grapheme cluster that is a pictograph (with its modifiers, variation selectors and
 * joiners, such as 👍🏽 or 👩‍👩‍👧), a flag (two regional indicators) or a keycap (1️⃣). Letters, digits
 * alone, several emoji, and text around one are not.
 */
export function isSingleEmoji(value: string): boolean {
  if (value.length === 0 || value.length > MAX_EMOJI_LENGTH) return false;
  const clusters = [...graphemes.segment(value)];
  if (clusters.length !== 1) return false;
  if (/[\p{L}\p{N}\s]/u.test(value.replace(/\p{Regional_Indicator}/gu, '')) && !KEYCAP.test(value))
    return false;
  return PICTOGRAPHIC.test(value) || FLAG.test(value) || KEYCAP.test(value);
}

/** One user's reaction with one emoji, as the message row's set holds it: "<emoji> <user id>". */
export interface Reaction {
  readonly emoji: string;
  readonly userId: number;
}

export function encodeReaction({ emoji, userId }: Reaction): string {
  return `${emoji} ${userId}`;
}

export function decodeReaction(element: string): Reaction {
  const space = element.lastIndexOf(' ');
  return { emoji: element.slice(0, space), userId: Number(element.slice(space + 1)) };
}

/** A message's reactions by emoji, in the order of the stored set (by emoji). */
export interface ReactionSummary {
  readonly emoji: string;
  readonly count: number;
  /** Whether the viewer is among them (false without a viewer). */
  readonly me: boolean;
}

export function summarizeReactions(
  reactions: readonly Reaction[],
  viewerId: number | undefined,
): ReactionSummary[] {
  const byEmoji = new Map<string, { count: number; me: boolean }>();
  for (const { emoji, userId } of reactions) {
    const entry = byEmoji.get(emoji) ?? { count: 0, me: false };
    byEmoji.set(emoji, { count: entry.count + 1, me: entry.me || userId === viewerId });
  }
  return [...byEmoji].map(([emoji, { count, me }]) => ({ emoji, count, me }));
}

/** The distinct emoji among reactions. */
export function emojiOf(reactions: readonly Reaction[]): Set<string> {
  return new Set(reactions.map((reaction) => reaction.emoji));
}
