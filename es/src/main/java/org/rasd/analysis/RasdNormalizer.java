package org.rasd.analysis;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one Arabic normalization of Rasd, a character-for-character copy of
 * {@code normalize_token} in {@code pipeline/normalize.py}.
 *
 * <p>Per UTF-16 unit (every mapped or deleted character is in the BMP and none is a surrogate,
 * so this equals Python's per-code-point {@code str.translate}):
 * <ul>
 *   <li>removed: harakat and Quranic marks U+064B–U+065F, U+0670, U+06D6–U+06ED; tatweel U+0640;
 *       zero-width, bidi and soft-hyphen marks U+200B–U+200F, U+202A–U+202E, U+2066–U+2069,
 *       U+061C, U+FEFF, U+00AD;</li>
 *   <li>alef forms أ إ آ ٱ → ا; ى → ي; ة → ه;</li>
 *   <li>Persian/Urdu forms: ک ڪ گ → ك, ی ې ۍ ے ۓ → ي, ۀ ە ہ ھ → ه, پ → ب, چ → ج, ژ → ز, ڤ → ف;</li>
 *   <li>Arabic-Indic ٠–٩ and Eastern Arabic-Indic ۰–۹ digits → 0–9;</li>
 *   <li>Arabic presentation forms (text copied from PDFs and old systems): the contextual letter
 *       forms U+FE80–U+FEF4 → their letter (its Unicode compatibility mapping, then the rules
 *       above: ﺃ → ا), the harakat forms U+FE70–U+FE72, U+FE74, U+FE76–U+FE7F → removed, and the
 *       lam-alef ligatures U+FEF5–U+FEFC → two letters, ل + ا (the only mapping that lengthens a
 *       token: {@link #expandLigatures});</li>
 * </ul>
 * then the whole token goes through {@link String#toLowerCase(Locale)} with {@link Locale#ROOT}
 * (Python: {@code str.lower()}; both apply the full Unicode lower-case mapping).
 * The golden list {@code tests/data/normalization_golden.tsv} pins both sides.
 */
public final class RasdNormalizer {

    private static final int DELETE = -1;
    /** The replacement of every BMP char, or {@link #DELETE}. */
    private static final int[] TABLE = new int[0x10000];

    static {
        for (int c = 0; c < TABLE.length; c++) {
            TABLE[c] = c;
        }
        deleteRange(0x064B, 0x065F);
        delete(0x0670);
        delete(0x0640);
        deleteRange(0x06D6, 0x06ED);
        deleteRange(0x200B, 0x200F);
        deleteRange(0x202A, 0x202E);
        deleteRange(0x2066, 0x2069);
        delete(0x061C);
        delete(0xFEFF);
        delete(0x00AD);

        map("\u0623\u0625\u0622\u0671", '\u0627'); // أ إ آ ٱ → ا
        map("\u0649", '\u064A'); // ى → ي
        map("\u0629", '\u0647'); // ة → ه
        map("\u06A9\u06AA\u06AF", '\u0643'); // ک ڪ گ → ك
        map("\u06CC\u06D0\u06CD\u06D2\u06D3", '\u064A'); // ی ې ۍ ے ۓ → ي
        map("\u06C0\u06D5\u06C1\u06BE", '\u0647'); // ۀ ە ہ ھ → ه
        map("\u067E", '\u0628'); // پ → ب
        map("\u0686", '\u062C'); // چ → ج
        map("\u0698", '\u0632'); // ژ → ز
        map("\u06A4", '\u0641'); // ڤ → ف
        for (int d = 0; d < 10; d++) {
            TABLE[0x0660 + d] = '0' + d;
            TABLE[0x06F0 + d] = '0' + d;
        }
        deleteRange(0xFE70, 0xFE72);
        delete(0xFE74);
        deleteRange(0xFE76, 0xFE7F);
        for (int c = 0xFE80; c <= 0xFEF4; c++) {
            String letter = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
            TABLE[c] = TABLE[letter.charAt(0)];
        }
    }

    static final char LIGATURE_FIRST = '\uFEF5';
    static final char LIGATURE_LAST = '\uFEFC';
    private static final char LAM = '\u0644';
    private static final char ALEF = '\u0627';

    /** The number of lam-alef ligatures in {@code buf[0..len)}. */
    static int countLigatures(char[] buf, int len) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] >= LIGATURE_FIRST && buf[i] <= LIGATURE_LAST) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes every lam-alef ligature of {@code buf[0..len)} as ل + ا, in place, from the end;
     * {@code buf} must hold {@code len + countLigatures(buf, len)} chars.
     *
     * @return the new length
     */
    static int expandLigatures(char[] buf, int len, int ligatures) {
        int out = len + ligatures;
        for (int i = len - 1; i >= 0; i--) {
            char c = buf[i];
            if (c >= LIGATURE_FIRST && c <= LIGATURE_LAST) {
                buf[--out] = ALEF; // every alef form of the ligatures folds to ا
                buf[--out] = LAM;
            } else {
                buf[--out] = c;
            }
        }
        return len + ligatures;
    }

    private RasdNormalizer() {}

    private static void delete(int c) {
        TABLE[c] = DELETE;
    }

    private static void deleteRange(int first, int last) {
        for (int c = first; c <= last; c++) {
            delete(c);
        }
    }

    private static void map(String from, char to) {
        for (int i = 0; i < from.length(); i++) {
            TABLE[from.charAt(i)] = to;
        }
    }

    /**
     * Applies the character table in place to {@code buf[0..len)}.
     *
     * @return the new length (never larger than {@code len})
     */
    static int mapChars(char[] buf, int len) {
        int out = 0;
        for (int i = 0; i < len; i++) {
            int m = TABLE[buf[i]];
            if (m != DELETE) {
                buf[out++] = (char) m;
            }
        }
        return out;
    }

    /** True when lower-casing might change {@code buf[0..len)}: anything that is not ASCII-lower or Arabic. */
    static boolean mayNeedLowerCase(char[] buf, int len) {
        for (int i = 0; i < len; i++) {
            char c = buf[i];
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    return true;
                }
            } else if (c < 0x0600 || c > 0x06FF) {
                return true;
            }
        }
        return false;
    }

    /** Normalizes one token; the same result as Python's {@code normalize_token}. */
    public static String normalize(String token) {
        char[] buf = token.toCharArray();
        int ligatures = countLigatures(buf, buf.length);
        int len = buf.length;
        if (ligatures > 0) {
            buf = Arrays.copyOf(buf, len + ligatures);
            len = expandLigatures(buf, len, ligatures);
        }
        len = mapChars(buf, len);
        String mapped = new String(buf, 0, len);
        return mayNeedLowerCase(buf, len) ? mapped.toLowerCase(Locale.ROOT) : mapped;
    }
}
