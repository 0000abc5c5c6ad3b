package org.rasd.analysis;

import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_arabic_stop}: a stop filter with {@link ArabicAnalyzer#getDefaultStopSet()},
 * the stop set of the built-in {@code arabic} analyzer (unnormalized forms: it runs before
 * normalization in that analyzer).
 */
@NamedComponent("rasd_builtin_arabic_stop")
public class BuiltinArabicStopFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new StopFilter(tokenStream, ArabicAnalyzer.getDefaultStopSet());
    }
}
