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
 *   <li>failing that, the same plus one suffix of the list below: ليبيين, ليبيه → ليبي. A final ه of
 *       {@code P} may be written ت before the suffix or be dropped: وزارتها, وزارات → وزاره;
 *       مصراتي → مصراته.</li>
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
 * <h2>2. Light10 for everything else</h2>
 * Larkey's Light10, on normalized text: remove a leading و when 3 or more letters remain; then the
 * longest of the articles بال كال فال ال لل when 2 or more letters remain; then, in this order and
 * each at most once, the suffixes ها ان ات ون ين يه ه ي (Light10's ية and ة are ه after
 * normalization) when 2 or more letters remain. Single ب ك ل ف are removed only in step 1: in
 * general words they are too often root letters (بيان, كتاب, لجنه, فريق). Unlike Lucene's
 * ArabicStemmer, the article is also removed after و (والحكومه → حكوم).
 *
 * <p>The stemmer is a pure function of the token, so index time and query time agree. Known
 * limitations, inherited from Light10: a root و cannot be told from the conjunction (وزير → زير
 * while الوزير → وزير), ان is cut from nouns (بيان → بي while بيانات → بيان) and الله → له; the
 * common cases are listed in {@code protected_common_words.txt}, names in {@code protected_words.txt}.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class RasdStemmer {

    private static final char WAW = '\u0648';
    private static final char HEH = '\u0647';
    private static final char TEH = '\u062A';
    private static final String ARTICLE = "\u0627\u0644"; // ال

    /** Light10 suffixes (normalized), in removal order. */
    private static final char[][] SUFFIXES = chars("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي");
    /** Articles of step 2, longest first. */
    private static final char[][] ARTICLES = chars("بال", "كال", "فال", "ال", "لل");

    private static final int MIN_AFTER_WAW = 3;
    private static final int MIN_AFTER_ARTICLE = 2;
    private static final int MIN_AFTER_SUFFIX = 2;

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
        return light10(buf, len);
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
            if (word == null && buf[stemEnd - 1] == TEH) {
                word = lookupEndingInHeh(buf, start, stemEnd - 1, afterArticle);
            }
            if (word == null) {
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

    /** Step 2: Light10. */
    private static int light10(char[] buf, int len) {
        int start = 0;
        int end = len;
        if (end - start - 1 >= MIN_AFTER_WAW && buf[start] == WAW) {
            start++;
        }
        for (char[] article : ARTICLES) {
            if (end - start - article.length >= MIN_AFTER_ARTICLE && startsWith(buf, start, end, article)) {
                start += article.length;
                break;
            }
        }
        for (char[] suffix : SUFFIXES) {
            if (end - start - suffix.length >= MIN_AFTER_SUFFIX && endsWith(buf, start, end, suffix)) {
                end -= suffix.length;
            }
        }
        System.arraycopy(buf, start, buf, 0, end - start);
        return end - start;
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
