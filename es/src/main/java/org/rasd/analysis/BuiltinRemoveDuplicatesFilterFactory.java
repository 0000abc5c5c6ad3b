package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_remove_duplicates}: Lucene's {@link RemoveDuplicatesTokenFilter}, the built-in
 * {@code remove_duplicates} filter this distribution lacks. Drops a token equal to an earlier one
 * at the same position: after {@code rasd_builtin_keyword_repeat} and {@code rasd_stem}, a word the
 * stemmer did not change is indexed once.
 */
@NamedComponent("rasd_builtin_remove_duplicates")
public class BuiltinRemoveDuplicatesFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RemoveDuplicatesTokenFilter(tokenStream);
    }
}
