import { contentProblem } from '../../src/common/validation/message-content';
import { messageContent } from './content';
import { seededRandom } from './random';

describe('messageContent', () => {
  const random = seededRandom(3);
  const texts = Array.from({ length: 5_000 }, () => messageContent(random));
  const lengths = texts.map((text) => [...text].length);

  it('only makes texts the API accepts', () => {
    expect(texts.filter((text) => contentProblem(text) !== undefined)).toEqual([]);
  });

  it('is mostly 5 to 200 characters, with a few long ones', () => {
    const chatSized = lengths.filter((length) => length >= 5 && length <= 200).length;
    expect(chatSized / texts.length).toBeGreaterThan(0.85);
    expect(Math.max(...lengths)).toBeGreaterThan(600);
  });

  it('mixes scripts and emoji', () => {
    expect(texts.some((text) => /[\u0400-\u04ff]/.test(text))).toBe(true); // Cyrillic
    expect(texts.some((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true); // CJK
    expect(texts.some((text) => /[\u0600-\u06ff]/.test(text))).toBe(true); // Arabic
    expect(texts.some((text) => /\p{Extended_Pictographic}/u.test(text))).toBe(true);
  });
});
