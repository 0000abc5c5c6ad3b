package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_arabic_normalize}: Lucene's {@link ArabicNormalizationFilter}, i.e. the built-in
 * {@code arabic_normalization} filter, which this minimal distribution lacks (no analysis-common).
 * For benchmarks against the built-in {@code arabic} analyzer.
 */
@NamedComponent("rasd_builtin_arabic_normalize")
public class BuiltinArabicNormalizeFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ArabicNormalizationFilter(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ArabicNormalizationFilter(tokenStream);
    }
}
