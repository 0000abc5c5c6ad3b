package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_normalize}: the Rasd Arabic normalization ({@link RasdNormalizer}), identical to
 * {@code pipeline.normalize.normalize_token}. Character-level, so it is also offered to keyword
 * {@code normalizer}s.
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
