package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.junit.jupiter.api.Test;

class RasdStopFilterFactoryTest {

    private final RasdStopFilterFactory factory = new RasdStopFilterFactory();

    private List<String> filter(String text) {
        return TokenStreams.terms(text, ts -> factory.create(new RasdNormalizeFilter(ts)));
    }

    @Test
    void hasTheRegisteredName() {
        assertEquals("rasd_stop", factory.name());
    }

    @Test
    void removesStopWordsAfterNormalization() {
        assertEquals(List.of("اجتماع", "المجلس", "الرئاسي", "طرابلس"),
            filter("في اجتماع المجلس الرئاسي إلى طرابلس على التي وهو خلال"));
    }

    @Test
    void keepsContentWords() {
        assertEquals(List.of("ليبيا", "حكومه", "النفط", "الانتخابات"), filter("ليبيا حكومة النفط الانتخابات"));
    }

    @Test
    void coversLuceneDefaultSetNormalized() {
        CharArraySet stop = RasdStopFilterFactory.stopWords();
        for (Object word : ArabicAnalyzer.getDefaultStopSet()) {
            String normalized = RasdNormalizer.normalize(new String((char[]) word));
            assertTrue(stop.contains(normalized), normalized);
        }
    }

    @Test
    void resourceHoldsNormalizedForms() {
        for (String word : WordLists.load(RasdStopFilterFactory.RESOURCE)) {
            assertEquals(RasdNormalizer.normalize(word), word);
        }
    }
}
