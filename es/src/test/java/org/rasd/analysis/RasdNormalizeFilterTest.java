package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RasdNormalizeFilterTest {

    /** Shared with the Python side (tests/), which checks pipeline.normalize against the same rows. */
    static final Path GOLDEN = Path.of("..", "tests", "data", "normalization_golden.tsv");

    private final RasdNormalizeFilterFactory factory = new RasdNormalizeFilterFactory();

    private List<String> normalize(String text) {
        return TokenStreams.terms(text, factory::create);
    }

    @Test
    void hasTheRegisteredName() {
        assertEquals("rasd_normalize", factory.name());
    }

    @Test
    void removesHarakatTatweelAndMarks() {
        assertEquals(List.of("محمد", "ليبيا", "هذا", "الكتب", "لا"), normalize("مُحَمَّدٌ ليـــبيا هٰذا ٱلْكِتَٰبُ لَاۖ"));
    }

    @Test
    void foldsAlefFormsMaqsuraAndTehMarbuta() {
        assertEquals(List.of("احمد", "اسلام", "امال", "اتحاد", "مستشفي", "مدينه"),
            normalize("أحمد إسلام آمال ٱتحاد مستشفى مدينة"));
    }

    @Test
    void foldsPersianLetters() {
        assertEquals(List.of("كتاب", "كاز", "ايران", "باكستان", "جاد", "زان", "فيينا", "مدرسه"),
            normalize("کتاب گاز ایران پاکستان چاد ژان ڤيينا مدرسۀ"));
    }

    @Test
    void mapsBothDigitSetsToAscii() {
        assertEquals(List.of("2024", "1403", "0123456789"), normalize("٢٠٢٤ ۱۴۰۳ ۰۱۲۳۴۵۶۷۸۹"));
    }

    @Test
    void removesZeroWidthAndBidiMarks() {
        assertEquals(List.of("ليبيا", "طرابلس", "سرت", "طبرق", "tripoli"),
            normalize("ليبيا\u200b \u200eطرابلس\u200f \u202bسرت\u202c طبر\ufeffق Trip\u00adoli"));
    }

    @Test
    void lowerCasesLikeUnicode() {
        assertEquals(List.of("libya", "covid-19", "élysée", "οδος", "i\u0307stanbul"),
            normalize("Libya COVID-19 ÉLYSÉE ΟΔΟΣ İstanbul"));
    }

    @Test
    void leavesHamzaLettersAlone() {
        assertEquals(List.of("سؤال", "مسئول", "شيء"), normalize("سؤال مسئول شيء"));
    }

    @Test
    void normalizeAppliesTheSameMappingForMultiTermQueries() {
        assertEquals("للحكومه", TokenStreams.term("لِلْحُكُومَةِ", factory::normalize));
    }

    @Test
    void foldsPresentationFormsAndExpandsLamAlef() {
        assertEquals(List.of("لا", "المجلس", "لان", "سلام", "بيت"), normalize("ﻻ ﺍﻟﻤﺠﻠﺲ ﻷﻥ ﺳَﻼﻡ ﺑﹶﻴﺖ"));
        assertEquals("لالالا", RasdNormalizer.normalize("ﻻﻻﻻ"));
    }

    @Test
    void staticHelperAgreesWithTheFilter() {
        assertEquals("والمستشفيات", RasdNormalizer.normalize("وَالْمُسْتَشْفَيَاتُ"));
    }

    @TestFactory
    Stream<DynamicTest> goldenListMatchesPython() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            assertEquals(4, columns.length, "golden row must be input<TAB>expected<TAB>kind<TAB>why: " + line);
            tests.add(DynamicTest.dynamicTest(columns[0], () -> {
                assertEquals(columns[1], TokenStreams.term(columns[0], factory::create));
                assertEquals(columns[1], TokenStreams.term(columns[0], factory::normalize));
            }));
        }
        assertTrue(tests.size() >= 40, "golden list too short: " + GOLDEN.toAbsolutePath());
        return tests.stream();
    }
}
