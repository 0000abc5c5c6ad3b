package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.junit.jupiter.api.Test;

class RasdStemFilterTest {

    private final RasdStemFilterFactory factory = new RasdStemFilterFactory();

    /** rasd_normalize then rasd_stem, as in the index analyzer. */
    private List<String> stem(String text) {
        return TokenStreams.terms(text, ts -> factory.create(new RasdNormalizeFilter(ts)));
    }

    private static String stemWith(RasdStemmer stemmer, String token) {
        char[] buf = token.toCharArray();
        return new String(buf, 0, stemmer.stem(buf, buf.length));
    }

    @Test
    void hasTheRegisteredName() {
        assertEquals("rasd_stem", factory.name());
    }

    @Test
    void prepositionAndArticleBeforeAProtectedName() {
        assertEquals(List.of("ليبيا", "ليبيا", "ليبيا", "ليبيا", "ليبيا"), stem("ليبيا لليبيا بليبيا وليبيا وبليبيا"));
        assertEquals(List.of("طرابلس", "طرابلس", "طرابلس", "طرابلس", "طرابلس"), stem("طرابلس بطرابلس لطرابلس وطرابلس فبطرابلس"));
        assertEquals(List.of("بنغازي", "بنغازي", "مصراته", "مصراته"), stem("ببنغازي لبنغازي بمصراتة ومصراتة"));
    }

    @Test
    void articleFormsOfANameListedWithoutArticle() {
        assertEquals(List.of("سراج", "سراج", "سراج", "سراج", "سراج", "سراج", "سراج"),
            stem("السراج والسراج بالسراج كالسراج للسراج وللسراج سراج"));
        assertEquals(List.of("دبيبه", "دبيبه", "حفتر", "حفتر"), stem("الدبيبة والدبيبة حفتر لحفتر"));
    }

    @Test
    void articleFormsOfANameListedWithArticle() {
        RasdStemmer stemmer = new RasdStemmer(List.of("السراج", "البيضاء"));
        for (String token : List.of("السراج", "والسراج", "بالسراج", "كالسراج", "للسراج", "فالسراج", "وبالسراج")) {
            assertEquals("السراج", stemWith(stemmer, token), token);
        }
        assertEquals("البيضاء", stemWith(stemmer, "بالبيضاء"));
        assertEquals("بيضاء", stemWith(stemmer, "بيضاء")); // the common word is not the city
        assertEquals("سراج", stemWith(stemmer, "سراج"));
    }

    @Test
    void protectedNameWithASuffix() {
        assertEquals(List.of("ليبي", "ليبي", "ليبي", "ليبي", "ليبي"), stem("ليبيون الليبيين ليبية للليبيين الليبيات"));
        assertEquals(List.of("مصراته", "طرابلس"), stem("المصراتي طرابلسي"));
    }

    @Test
    void protectedCommonWordsStartingWithWaw() {
        assertEquals(List.of("وزير", "وزير", "وزير", "وزير"), stem("وزير الوزير والوزير ووزير"));
        assertEquals(List.of("وزاره", "وزاره", "وزاره", "وزاره"), stem("وزارة الوزارة وزارات وزارتها"));
        assertEquals(List.of("وطن", "وطن", "وطن"), stem("الوطن الوطني الوطنية"));
    }

    @Test
    void light10ForOtherWords() {
        assertEquals(List.of("حكوم", "حكوم", "حكوم", "حكوم", "حكوم"), stem("حكومة الحكومة والحكومة للحكومة حكومات"));
        assertEquals(List.of("قال", "رئاس", "مجلس", "مجلس"), stem("وقال الرئاسي المجلس بالمجلس"));
        assertEquals(List.of("سياس", "سياس", "سياس"), stem("سياسي سياسيون السياسية"));
        assertEquals(List.of("قو", "قو", "قو"), stem("قوة القوات قوات"));
    }

    @Test
    void singleLetterPrepositionsStayOnOrdinaryWords() {
        assertEquals(List.of("بيان", "كتاب", "لجن", "فريق", "بحكوم"), stem("بيان كتاب لجنة فريق بحكومة"));
    }

    @Test
    void shortWordsAndNonArabicAreLeftAlone() {
        assertEquals(List.of("و", "في", "وقت", "الله", "libya", "2024"), stem("و في وقت الله Libya ٢٠٢٤"));
    }

    @Test
    void keywordTokensAreNotStemmed() {
        CharArraySet keywords = new CharArraySet(List.of("الحكومه"), false);
        assertEquals(List.of("الحكومه", "حكوم"),
            TokenStreams.terms("الحكومه حكومه", ts -> factory.create(new SetKeywordMarkerFilter(ts) {
                @Override
                protected boolean isKeyword() {
                    return keywords.contains(termAtt.buffer(), 0, termAtt.length());
                }

                private final org.apache.lucene.analysis.tokenattributes.CharTermAttribute termAtt =
                    addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            })));
    }

    @Test
    void everyProtectedWordStemsToItselfAndSoDoItsCliticForms() {
        RasdStemmer stemmer = RasdStemFilterFactory.stemmer();
        Map<String, String> prefixes = Map.of("و", "", "ب", "", "ل", "", "وب", "", "ال", "", "وال", "", "بال", "", "لل", "");
        for (String word : RasdStemFilterFactory.protectedWords()) {
            assertEquals(word, stemWith(stemmer, word), "protected word " + word);
            String bare = word.startsWith("ال") ? word.substring(2) : word;
            for (String prefix : prefixes.keySet()) {
                if (word.startsWith("ال") && prefix.contains("ال") == false && prefix.endsWith("لل") == false) {
                    assertEquals(word, stemWith(stemmer, prefix + word), prefix + "+" + word);
                } else {
                    assertEquals(word, stemWith(stemmer, prefix + bare), prefix + "+" + bare);
                }
            }
        }
    }

    @Test
    void outputNeverGrows() {
        RasdStemmer stemmer = new RasdStemmer(List.of("السراج", "وزاره", "مصراته"));
        for (String token : List.of("للسراج", "وزارات", "مصراتي", "وزارتها", "ال", "لل", "وال")) {
            char[] buf = token.toCharArray();
            int len = stemmer.stem(buf, buf.length);
            assertEquals(true, len <= token.length(), token);
        }
    }

    @Test
    void sameTokensAtIndexAndQueryTime() {
        TokenStream unused = null;
        assertEquals(stem("لليبيا والسراج بطرابلس"), stem("لليبيا والسراج بطرابلس"));
        assertEquals(null, unused);
    }
}
