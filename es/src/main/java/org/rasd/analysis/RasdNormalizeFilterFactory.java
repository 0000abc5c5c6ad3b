package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_normalize}: the Rasd Arabic normalization ({@link RasdNormalizer}), identical to
 * {@code pipeline.normalize.normalize_token}.
 *
 * <p>Character-level, so {@link #normalize} applies it too: Elasticsearch then normalizes the text
 * of multi-term queries (wildcard, prefix, fuzzy in {@code query_string}) with it. Keyword-field
 * {@code normalizer}s cannot use it on Elasticsearch 8.19: they admit only filters implementing the
 * server-internal {@code NormalizingTokenFilterFactory}, which the stable-API wrapper does not
 * (elastic/elasticsearch#43758); normalize keyword values with {@code pipeline.normalize} instead.
 */
@NamedComponent("rasd_normalize")
public class RasdNormalizeFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RasdNormalizeFilter(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new RasdNormalizeFilter(tokenStream);
    }
}
