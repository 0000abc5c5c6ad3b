package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.LimitTokenCountFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/**
 * {@code rasd_builtin_limit}: Lucene's {@link LimitTokenCountFilter}, the built-in {@code limit}
 * filter this distribution lacks (analysis-common), with its settings {@code max_token_count}
 * (default 1) and {@code consume_all_tokens} (default false). The template indexes the lead of an
 * article with it: {@code body.lead} = the first words of the body (see {@code rasd_arabic_lead}).
 */
@NamedComponent("rasd_builtin_limit")
public class BuiltinLimitFilterFactory implements TokenFilterFactory {

    /** The filter's settings, as Elasticsearch's {@code limit} filter names them. */
    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "max_token_count", defaultValue = 1)
        int maxTokenCount();

        @BooleanSetting(path = "consume_all_tokens", defaultValue = false)
        boolean consumeAllTokens();
    }

    private final int maxTokenCount;
    private final boolean consumeAllTokens;

    /** Defaults (one token). Elasticsearch accepts one public constructor: the {@link Inject} one. */
    BuiltinLimitFilterFactory() {
        this(1, false);
    }

    @Inject
    public BuiltinLimitFilterFactory(Settings settings) {
        this(settings.maxTokenCount(), settings.consumeAllTokens());
    }

    BuiltinLimitFilterFactory(int maxTokenCount, boolean consumeAllTokens) {
        if (maxTokenCount < 1) {
            throw new IllegalArgumentException("max_token_count must be at least 1, got " + maxTokenCount);
        }
        this.maxTokenCount = maxTokenCount;
        this.consumeAllTokens = consumeAllTokens;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new LimitTokenCountFilter(tokenStream, maxTokenCount, consumeAllTokens);
    }
}
