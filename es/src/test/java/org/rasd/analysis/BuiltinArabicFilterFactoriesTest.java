package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.junit.jupiter.api.Test;

/** The rasd_builtin_* wrappers behave like the built-in arabic analyzer's filters. */
class BuiltinArabicFilterFactoriesTest {

    private final BuiltinArabicNormalizeFilterFactory normalize = new BuiltinArabicNormalizeFilterFactory();
    private final BuiltinArabicStemFilterFactory stem = new BuiltinArabicStemFilterFactory();
    private final BuiltinArabicStopFilterFactory stop = new BuiltinArabicStopFilterFactory();
    private final BuiltinDecimalDigitFilterFactory digits = new BuiltinDecimalDigitFilterFactory();

    /** The built-in arabic analyzer's filter order. */
    private final UnaryOperator<TokenStream> arabicChain =
        ts -> stem.create(normalize.create(stop.create(digits.create(new LowerCaseFilter(ts)))));

    @Test
    void namesMatchTheRegistration() {
        assertEquals("rasd_builtin_arabic_normalize", normalize.name());
        assertEquals("rasd_builtin_arabic_stem", stem.name());
        assertEquals("rasd_builtin_arabic_stop", stop.name());
        assertEquals("rasd_builtin_decimal_digit", digits.name());
    }

    @Test
    void normalizationIsLucenes() {
        assertEquals(List.of("احمد", "مستشفي", "مدينه", "ليبيا"), TokenStreams.terms("أحمد مستشفى مدينة ليـبيا", normalize::create));
    }

    @Test
    void stemmingIsLucenesLight10() {
        // Lucene removes one prefix only and has no protected words: لليبيا loses a letter of the name.
        assertEquals(List.of("يبيا", "سراج", "بطرابلس", "رئاس"),
            TokenStreams.terms("لليبيا والسراج بطرابلس الرئاسي", stem::create));
    }

    @Test
    void fullChainLikeTheArabicAnalyzer() {
        assertEquals(List.of("2024", "حكوم", "يبيا"), TokenStreams.terms("في ٢٠٢٤ الحكومة من لليبيا", arabicChain));
    }
}
