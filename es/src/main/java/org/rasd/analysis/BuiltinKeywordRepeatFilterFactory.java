package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_keyword_repeat}: Lucene's {@link KeywordRepeatFilter}, the built-in
 * {@code keyword_repeat} filter this distribution lacks. Emits every token twice at the same
 * position, first marked as a keyword (which {@code rasd_stem} leaves alone), then unmarked. With
 * {@code rasd_stem} and {@code rasd_builtin_remove_duplicates} after it, the index holds the stem and
 * the (normalized) word as written: بالمجلس → بالمجلس + مجلس, while مجلس stays one token.
 */
@NamedComponent("rasd_builtin_keyword_repeat")
public class BuiltinKeywordRepeatFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new KeywordRepeatFilter(tokenStream);
    }
}
