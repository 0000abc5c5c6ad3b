package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_arabic_stem}: Lucene's {@link ArabicStemFilter} (Light10), i.e. the built-in
 * {@code arabic_stem} filter. For benchmarks against the built-in {@code arabic} analyzer.
 */
@NamedComponent("rasd_builtin_arabic_stem")
public class BuiltinArabicStemFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ArabicStemFilter(tokenStream);
    }
}
