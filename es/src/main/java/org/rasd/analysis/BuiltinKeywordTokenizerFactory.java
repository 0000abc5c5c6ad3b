package org.rasd.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * {@code rasd_builtin_keyword}: Lucene's {@link KeywordTokenizer} (the whole input is one token),
 * i.e. the built-in {@code keyword} tokenizer, which this minimal distribution lacks (its only
 * tokenizer is {@code standard}). With {@code rasd_normalize} it gives a text field matched on its
 * whole normalized value, since keyword {@code normalizer}s cannot use stable-API filters.
 */
@NamedComponent("rasd_builtin_keyword")
public class BuiltinKeywordTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create() {
        return new KeywordTokenizer();
    }
}
