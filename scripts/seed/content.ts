import { pick, randomInt, Random } from './random';

/**
 * Everyday chat phrases by language, with their real scripts: Latin with diacritics, Cyrillic, Greek,
 * Arabic and Hebrew (right to left), Devanagari, Thai, Chinese, Japanese and Korean. Weights are rough
 * shares of messages.
 */
const LANGUAGES: readonly { weight: number; phrases: readonly string[] }[] = [
  {
    weight: 30,
    phrases: [
      'hey, are you around?',
      'running 10 min late, sorry!',
      'sounds good',
      'can you send me the address?',
      'did you see the game last night?',
      'lol',
      'ok',
      'thanks a lot',
      'I will call you after work',
      'what time works for you tomorrow?',
      'just landed',
      'happy birthday!!',
      'no worries at all',
      'let me check and get back to you',
      'the meeting moved to 3pm',
      'are we still on for dinner?',
      'I left my keys at your place',
      'can you pick up some milk on the way home?',
      'that is hilarious',
      'good morning',
      'see you soon',
      'on my way',
      'where are you?',
      'miss you',
      'love that idea',
    ],
  },
  {
    weight: 10,
    phrases: [
      '¿dónde estás?',
      'llego en cinco minutos',
      '¡qué bueno!',
      'mañana te llamo',
      'gracias por todo',
      '¿quedamos a las ocho?',
      'no te preocupes',
      'feliz cumpleaños 🎂',
      'ya salí de casa',
      'te echo de menos',
    ],
  },
  {
    weight: 6,
    phrases: [
      'tudo bem?',
      'chego já já',
      'obrigado pela ajuda',
      'vamos almoçar amanhã?',
      'que saudade!',
      'não esquece o guarda-chuva',
      'boa noite',
    ],
  },
  {
    weight: 6,
    phrases: [
      'ça va ?',
      "j'arrive dans dix minutes",
      'merci beaucoup',
      'on se voit ce soir ?',
      "c'est génial",
      "désolé, j'ai oublié",
      'bonne journée',
      'à très vite',
    ],
  },
  {
    weight: 6,
    phrases: [
      'bist du schon da?',
      'ich komme etwas später',
      'danke dir!',
      'schönes Wochenende',
      'alles gut bei dir?',
      'wir treffen uns um acht vor dem Café',
      'Grüße an deine Familie',
      'klingt super',
    ],
  },
  {
    weight: 8,
    phrases: [
      'привет, как дела?',
      'буду через десять минут',
      'спасибо большое',
      'созвонимся вечером?',
      'с днём рождения!',
      'я уже выхожу',
      'не забудь ключи',
      'отлично, договорились',
    ],
  },
  {
    weight: 4,
    phrases: ['привіт! як ти?', 'дякую за допомогу', 'зустрінемось о шостій', 'гарного дня', 'вже їду'],
  },
  {
    weight: 2,
    phrases: ['γεια σου, τι κάνεις;', 'έρχομαι σε λίγο', 'ευχαριστώ πολύ', 'καλό βράδυ'],
  },
  {
    weight: 5,
    phrases: [
      'مرحبا، كيف حالك؟',
      'سأصل بعد عشر دقائق',
      'شكرا جزيلا',
      'نلتقي غدا إن شاء الله',
      'صباح الخير',
      'عيد ميلاد سعيد',
    ],
  },
  { weight: 2, phrases: ['שלום, מה שלומך?', 'אני בדרך', 'תודה רבה', 'נתראה מחר', 'לילה טוב'] },
  {
    weight: 4,
    phrases: ['नमस्ते, कैसे हो?', 'मैं दस मिनट में पहुँचूँगा', 'बहुत धन्यवाद', 'कल मिलते हैं', 'जन्मदिन मुबारक हो'],
  },
  { weight: 2, phrases: ['สวัสดีครับ', 'กำลังไปนะ', 'ขอบคุณมากค่ะ', 'เจอกันพรุ่งนี้'] },
  {
    weight: 7,
    phrases: [
      '你好，在吗？',
      '我十分钟后到',
      '谢谢你！',
      '明天见',
      '今晚一起吃饭吗？',
      '生日快乐',
      '好的，没问题',
      '路上堵车了，晚点到',
    ],
  },
  {
    weight: 5,
    phrases: [
      'おはよう！',
      '今どこにいる？',
      'ありがとうございます',
      'あとで電話するね',
      '了解です',
      'お疲れさまでした',
      '駅の改札で待ってるよ',
    ],
  },
  { weight: 3, phrases: ['안녕하세요!', '지금 가는 중이야', '고마워요', '내일 봐요', '생일 축하해!'] },
  {
    weight: 3,
    phrases: ['naber?', 'geliyorum, beş dakika', 'çok teşekkürler', 'yarın görüşürüz', 'iyi geceler'],
  },
  { weight: 2, phrases: ['cześć, co słychać?', 'już jadę', 'dzięki wielkie', 'do zobaczenia jutro'] },
  { weight: 2, phrases: ['chào bạn, khỏe không?', 'mình tới liền', 'cảm ơn nhiều nhé', 'hẹn gặp lại'] },
];

/** Single emoji, skin tones, flags and joined sequences: several UTF-16 units per character. */
const EMOJI: readonly string[] = [
  '😀',
  '😂',
  '👍',
  '❤️',
  '🎉',
  '🙏',
  '🤔',
  '🔥',
  '✅',
  '☕',
  '🍕',
  '😅',
  '😍',
  '👋🏽',
  '👍🏿',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  '🇺🇦',
  '🇯🇵',
  '🇧🇷',
  '🧑🏻‍💻',
  '🥳',
  '😴',
  '🙈',
  '💯',
];

const TOTAL_WEIGHT = LANGUAGES.reduce((sum, language) => sum + language.weight, 0);

function pickLanguage(random: Random): readonly string[] {
  let target = random() * TOTAL_WEIGHT;
  for (const language of LANGUAGES) {
    target -= language.weight;
    if (target < 0) return language.phrases;
  }
  return LANGUAGES[0].phrases;
}

/** Target length in characters: mostly short chat lines, some paragraphs, a few long messages. */
function targetLength(random: Random): number {
  const draw = random();
  if (draw < 0.62) return randomInt(random, 5, 40);
  if (draw < 0.93) return randomInt(random, 40, 200);
  if (draw < 0.99) return randomInt(random, 200, 600);
  return randomInt(random, 600, 3000);
}

const length = (text: string) => [...text].length;

/** One message text; valid as the API accepts it (1 to 4,000 code points, not only white space). */
export function messageContent(random: Random): string {
  if (random() < 0.04) {
    return Array.from({ length: randomInt(random, 1, 4) }, () => pick(random, EMOJI)).join('');
  }
  const target = targetLength(random);
  let phrases = pickLanguage(random);
  const parts: string[] = [];
  let size = 0;
  while (size < target) {
    // Some people switch language mid-conversation.
    if (parts.length > 0 && random() < 0.08) phrases = pickLanguage(random);
    const phrase = pick(random, phrases);
    parts.push(phrase);
    size += length(phrase) + 1;
    if (random() < 0.1) parts.push(pick(random, EMOJI));
  }
  if (random() < 0.25)
    parts.push(Array.from({ length: randomInt(random, 1, 3) }, () => pick(random, EMOJI)).join(''));
  const text = parts.join(' ');
  // Cut on code points, never inside a surrogate pair.
  return length(text) > 3900 ? [...text].slice(0, 3900).join('') : text;
}
