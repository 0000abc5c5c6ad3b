package org.rasd.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.lucene.analysis.CharArrayMap;

/**
 * The clitic-aware light stemmer behind {@code rasd_stem}. It works on tokens that already went
 * through {@link RasdNormalizer} (so ة is ه, every alef is ا, ى is ي).
 *
 * <h2>1. Protected words first</h2>
 * A lexicon of protected words (place and person names from the gazetteers, plus a few common
 * words whose first letter is a root و) is never cut. A token is emitted as a protected word
 * {@code P} when it is
 * <ol>
 *   <li>{@code P} itself, or proclitics + {@code P}; the proclitics are an optional conjunction
 *       (و ف), an optional preposition (ب ك ل) and an optional article (ال; ل + ال is written لل):
 *       لليبيا, بليبيا, وليبيا → ليبيا; لطرابلس, بطرابلس → طرابلس;</li>
 *   <li>failing that, the same plus one suffix (ها ان ات ون ين يه ه ي): ليبيين, ليبيه → ليبي. A
 *       final ه of {@code P} (a ة) may be written ت before the suffix or be dropped: وزارتها,
 *       وزارات → وزاره; مصراتي → مصراته. Only for words of 5 or more letters, so that a root ه is
 *       not taken for a ة: اللون, اللي stay away from الله.</li>
 * </ol>
 * Splits are tried from the shortest proclitic to the longest, so the reading that removes least
 * wins. Article entries: when the article was among the removed proclitics, {@code "ال" + rest} is
 * looked up before {@code rest}. So the list may hold a name with or without its article, and every
 * clitic form follows the entry:
 * <ul>
 *   <li>list holds سراج: السراج, والسراج, بالسراج, كالسراج, للسراج, سراج → سراج;</li>
 *   <li>list holds السراج: the same forms → السراج, while bare سراج (lamp) goes to step 2.</li>
 * </ul>
 *
 * <h2>2. A layered light stemmer for everything else</h2>
 * Based on Larkey's Light10, on normalized text, with the suffixes taken in their morphological
 * layers instead of one flat list:
 * <ol>
 *   <li>proclitics: a leading و when 3 or more letters remain; then the longest of the articles
 *       بال كال فال ال لل when 2 or more letters remain (unlike Lucene's ArabicStemmer, also after
 *       و: والحكومه → حكوم);</li>
 *   <li>one pronoun enclitic, the longest of هما كما هم هن كم ها نا ه (ه is also ة after
 *       normalization), when 3 or more letters remain;</li>
 *   <li>one inflection suffix, the first of ات ون ين ان يه ه ي (plural, dual, nisba), when 3 or more
 *       letters remain;</li>
 *   <li>after a pronoun and no inflection, a final ت (a ة written ت before the pronoun) when 3 or
 *       more letters remain: حكومتها, حكومته → حكوم like حكومه; سلطته → سلط;</li>
 *   <li>after an inflection, a final ي (nisba before the plural) when 3 or more letters remain:
 *       سياسيون, سياسيات, سياسيه → سياس like سياسي.</li>
 * </ol>
 * So plural + pronoun combinations reach the same stem as the singular (مقالاته → مقال, لاعبيهم →
 * لاعب), which Light10's single ordered pass misses (it removes ه after ات and stops). Every suffix
 * rule needs 3 letters left (Light10: 2), which keeps short words whole (قوه, قوات, بيان; Light10:
 * قو, قو, بي). Single ب ك ل ف are removed only in step 1: in general words they are too often
 * root letters (بيان, كتاب, لجنه, فريق, بشار, فتره), and measured, removing them did not pay.
 *
 * <h2>3. An alternative reading where the segmentation is ambiguous</h2>
 * {@link #alternative} stems the same token once more, reading a first ب ك ل ف as a preposition
 * (no article, 3 or more letters after it) and a final ا as the accusative tanween (3 or more letters
 * before it): بمذهب → مذهب, كتاب → تاب, امريكا → امريك, عاما → عام. {@link RasdStemFilter} indexes
 * it next to the stem at the same position, so بمذهب matches مذهب without كتاب losing its match with
 * الكتاب; a {@code match} query scores the two readings as one term. Protected words have none.
 *
 * <p>The stemmer is a pure function of the token, so index time and query time agree. Known
 * limitations, inherited from Light10: a root و cannot be told from the conjunction (وليد → ليد
 * while الوليد → وليد), a final ان/ون of a noun is taken for a suffix (سكان → سك, قانون → قان),
 * broken plurals keep their own stem (دول, دوله → دول but اسماء ≠ اسم). The common و cases are listed
 * in {@code protected_common_words.txt}, names in {@code protected_words.txt}.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class RasdStemmer {

    private static final char WAW = '\u0648';
    private static final char HEH = '\u0647';
    private static final char TEH = '\u062A';
    private static final char YEH = '\u064A';
    private static final char ALEF = '\u0627';
    /** One-letter prepositions and conjunction read as proclitics by the alternative reading. */
    private static final String ONE_LETTER_PROCLITICS = "\u0628\u0643\u0644\u0641"; // ب ك ل ف
    private static final String ARTICLE = "\u0627\u0644"; // ال

    /** Suffixes a protected word may carry (Light10's list, normalized), tried in this order. */
    private static final char[][] SUFFIXES = chars("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي");
    /** Articles of step 2, longest first. */
    private static final char[][] ARTICLES = chars("بال", "كال", "فال", "ال", "لل");
    /** Pronoun enclitics of step 2, longest first. */
    private static final char[][] PRONOUNS = chars("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه");
    /** Inflection suffixes of step 2, first match wins. */
    private static final char[][] INFLECTIONS = chars("ات", "ون", "ين", "ان", "يه", "ه", "ي");

    private static final int MIN_AFTER_WAW = 3;
    private static final int MIN_AFTER_ARTICLE = 2;
    private static final int MIN_AFTER_SUFFIX = 3;
    /** A protected word must be this long for its final ه to be read as a ة (written ت or dropped). */
    private static final int MIN_TEH_MARBUTA_WORD = 5;

    /** One proclitic sequence of step 1. */
    private record Proclitic(char[] text, boolean hasArticle) {}

    private static final List<Proclitic> PROCLITICS = proclitics();

    /** Protected word → itself (the emitted form). */
    private final CharArrayMap<char[]> lexicon;
    /** For protected words that start with ال: the word without it → the word. */
    private final CharArrayMap<char[]> withoutArticle;

    RasdStemmer(Collection<String> protectedWords) {
        lexicon = new CharArrayMap<>(protectedWords.size(), false);
        withoutArticle = new CharArrayMap<>(16, false);
        for (String word : protectedWords) {
            if (word.length() < 2) {
                continue;
            }
            char[] form = word.toCharArray();
            lexicon.put(word, form);
            if (word.startsWith(ARTICLE) && word.length() - ARTICLE.length() >= 2) {
                withoutArticle.put(word.substring(ARTICLE.length()), form);
            }
        }
    }

    /**
     * Stems {@code buf[0..len)} in place.
     *
     * @return the new length; never larger than {@code len} (a protected form is found inside the
     *     token, with ال in place of لل or ه in place of ت/ات, so it is never longer)
     */
    int stem(char[] buf, int len) {
        if (len < 2) {
            return len;
        }
        char[] word = protectedForm(buf, len);
        if (word != null) {
            System.arraycopy(word, 0, buf, 0, word.length);
            return word.length;
        }
        return lightStem(buf, len, false);
    }

    /**
     * The alternative reading of {@code buf[0..len)}, in place: the stem when a first ب ك ل ف (no
     * article, 3 or more letters after it) is a preposition and a final ا (3 or more letters before
     * it) is the accusative tanween. Both are ambiguous (بيان, كتاب, فريق; امريكا, دنيا), so the filter
     * indexes this reading next to {@link #stem}, not instead of it.
     *
     * @return the new length, or -1 when there is no alternative (a protected word, a short token)
     */
    int alternative(char[] buf, int len) {
        if (len < 2 || protectedForm(buf, len) != null) {
            return -1;
        }
        return lightStem(buf, len, true);
    }

    /** Step 1: the protected word this token is a clitic form of, or null. */
    private char[] protectedForm(char[] buf, int len) {
        for (Proclitic p : PROCLITICS) {
            int start = p.text.length;
            if (len - start >= 2 && startsWith(buf, 0, len, p.text)) {
                char[] word = lookup(buf, start, len - start, p.hasArticle);
                if (word != null) {
                    return word;
                }
            }
        }
        for (Proclitic p : PROCLITICS) {
            int start = p.text.length;
            if (len - start >= 2 && startsWith(buf, 0, len, p.text)) {
                char[] word = lookupInflected(buf, start, len, p.hasArticle);
                if (word != null) {
                    return word;
                }
            }
        }
        return null;
    }

    /**
     * {@code buf[start..end)} is a protected word plus one suffix; a final ه of the word may be
     * written ت before the suffix (وزارت|ها → وزاره) or be dropped (وزار|ات → وزاره, مصرات|ي → مصراته).
     */
    private char[] lookupInflected(char[] buf, int start, int end, boolean afterArticle) {
        for (char[] suffix : SUFFIXES) {
            int stemEnd = end - suffix.length;
            if (stemEnd - start < 2 || endsWith(buf, start, end, suffix) == false) {
                continue;
            }
            char[] word = lookup(buf, start, stemEnd - start, afterArticle);
            if (word == null && buf[stemEnd - 1] == TEH && stemEnd - 1 - start + 1 >= MIN_TEH_MARBUTA_WORD) {
                word = lookupEndingInHeh(buf, start, stemEnd - 1, afterArticle);
            }
            if (word == null && stemEnd - start + 1 >= MIN_TEH_MARBUTA_WORD) {
                word = lookupEndingInHeh(buf, start, stemEnd, afterArticle);
            }
            if (word != null) {
                return word;
            }
        }
        return null;
    }

    /** Looks up {@code buf[start..end) + "ه"}. */
    private char[] lookupEndingInHeh(char[] buf, int start, int end, boolean afterArticle) {
        char[] candidate = Arrays.copyOfRange(buf, start, end + 1);
        candidate[candidate.length - 1] = HEH;
        return lookup(candidate, 0, candidate.length, afterArticle);
    }

    private char[] lookup(char[] buf, int off, int len, boolean afterArticle) {
        if (afterArticle) {
            char[] word = withoutArticle.get(buf, off, len);
            if (word != null) {
                return word;
            }
        }
        return lexicon.get(buf, off, len);
    }

    /**
     * Step 2: proclitics, then one pronoun, one inflection, and the ت / nisba ي they uncover; with
     * {@code alternative}, also a one-letter preposition and a tanween ا.
     */
    private static int lightStem(char[] buf, int len, boolean alternative) {
        int start = 0;
        int end = len;
        if (end - start - 1 >= MIN_AFTER_WAW && buf[start] == WAW) {
            start++;
        }
        boolean article = false;
        for (char[] candidate : ARTICLES) {
            if (end - start - candidate.length >= MIN_AFTER_ARTICLE && startsWith(buf, start, end, candidate)) {
                start += candidate.length;
                article = true;
                break;
            }
        }
        if (alternative) {
            if (article == false && end - start - 1 >= MIN_AFTER_SUFFIX && ONE_LETTER_PROCLITICS.indexOf(buf[start]) >= 0) {
                start++;
            }
            if (end - start - 1 >= MIN_AFTER_SUFFIX && buf[end - 1] == ALEF) {
                end--;
            }
        }
        int afterPronoun = removeFirst(buf, start, end, PRONOUNS);
        boolean pronoun = afterPronoun < end;
        end = afterPronoun;
        int afterInflection = removeFirst(buf, start, end, INFLECTIONS);
        boolean inflection = afterInflection < end;
        end = afterInflection;
        if (pronoun && inflection == false && buf[end - 1] == TEH && end - 1 - start >= MIN_AFTER_SUFFIX) {
            end--;
        } else if (inflection && buf[end - 1] == YEH && end - 1 - start >= MIN_AFTER_SUFFIX) {
            end--;
        }
        System.arraycopy(buf, start, buf, 0, end - start);
        return end - start;
    }

    /** The end of {@code buf[start..end)} without the first of {@code suffixes} it ends with (3 letters must remain). */
    private static int removeFirst(char[] buf, int start, int end, char[][] suffixes) {
        for (char[] suffix : suffixes) {
            if (end - start - suffix.length >= MIN_AFTER_SUFFIX && endsWith(buf, start, end, suffix)) {
                return end - suffix.length;
            }
        }
        return end;
    }

    private static boolean startsWith(char[] buf, int start, int end, char[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(char[] buf, int start, int end, char[] suffix) {
        if (end - start < suffix.length) {
            return false;
        }
        int from = end - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (buf[from + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every conjunction × preposition × article combination, shortest first ("" included). */
    private static List<Proclitic> proclitics() {
        List<Proclitic> result = new ArrayList<>();
        for (String conjunction : new String[] {"", "و", "ف"}) {
            for (String preposition : new String[] {"", "ب", "ك", "ل"}) {
                result.add(new Proclitic((conjunction + preposition).toCharArray(), false));
                String withArticle = preposition.equals("ل") ? "لل" : preposition + ARTICLE;
                result.add(new Proclitic((conjunction + withArticle).toCharArray(), true));
            }
        }
        result.sort(Comparator.comparingInt(p -> p.text.length));
        return List.copyOf(result);
    }

    private static char[][] chars(String... words) {
        char[][] result = new char[words.length][];
        for (int i = 0; i < words.length; i++) {
            result[i] = words[i].toCharArray();
        }
        return result;
    }
}
