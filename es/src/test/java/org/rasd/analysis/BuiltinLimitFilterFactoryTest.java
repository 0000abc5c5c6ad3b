package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** rasd_builtin_limit keeps the first max_token_count tokens, like Elasticsearch's limit filter. */
class BuiltinLimitFilterFactoryTest {

    private static BuiltinLimitFilterFactory limit(int max, boolean consumeAll) {
        return new BuiltinLimitFilterFactory(new BuiltinLimitFilterFactory.Settings() {
            @Override
            public int maxTokenCount() {
                return max;
            }

            @Override
            public boolean consumeAllTokens() {
                return consumeAll;
            }
        });
    }

    @Test
    void keepsTheFirstTokens() {
        assertEquals(List.of("قال", "رئيس", "المجلس"), TokenStreams.terms("قال رئيس المجلس الرئاسي اليوم", limit(3, false)::create));
        assertEquals(List.of("قال", "رئيس"), TokenStreams.terms("قال رئيس", limit(3, true)::create));
    }

    @Test
    void defaultsToOneTokenLikeTheBuiltInFilter() {
        assertEquals(List.of("قال"), TokenStreams.terms("قال رئيس المجلس", new BuiltinLimitFilterFactory()::create));
        assertEquals("rasd_builtin_limit", new BuiltinLimitFilterFactory().name());
    }

    @Test
    void refusesACountBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> limit(0, false));
    }
}
