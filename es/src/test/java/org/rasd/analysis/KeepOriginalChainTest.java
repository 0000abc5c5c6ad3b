package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * rasd_normalize, rasd_stop, rasd_builtin_keyword_repeat, rasd_stem, rasd_builtin_remove_duplicates:
 * every word is indexed as its stem and, when the stemmer changed it, also as written (normalized),
 * at the same position.
 */
class KeepOriginalChainTest {

    private final BuiltinKeywordRepeatFilterFactory repeat = new BuiltinKeywordRepeatFilterFactory();
    private final BuiltinRemoveDuplicatesFilterFactory dedup = new BuiltinRemoveDuplicatesFilterFactory();
    private final RasdStemFilterFactory stem = new RasdStemFilterFactory();
    private final RasdStopFilterFactory stop = new RasdStopFilterFactory();

    /** "term/positionIncrement" for every token. */
    private List<String> run(String text) {
        WhitespaceTokenizer tokenizer = new WhitespaceTokenizer();
        tokenizer.setReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        try (TokenStream ts = dedup.create(stem.create(repeat.create(stop.create(new RasdNormalizeFilter(tokenizer)))))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term + "/" + inc.getPositionIncrement());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void namesMatchTheRegistration() {
        assertEquals("rasd_builtin_keyword_repeat", repeat.name());
        assertEquals("rasd_builtin_remove_duplicates", dedup.name());
    }

    @Test
    void stemAndOriginalShareAPosition() {
        assertEquals(List.of("بالمجلس/1", "مجلس/0", "مجلس/1", "لليبيا/1", "ليبيا/0", "ليبيا/1"),
            run("بالمجلس مجلس لليبيا ليبيا"));
    }

    @Test
    void stopWordsLeaveAGapAndAreNotRepeated() {
        assertEquals(List.of("وصل/1", "حكومه/2", "حكوم/0", "طرابلس/2"), run("وصل إلى حكومة في طرابلس"));
    }
}
