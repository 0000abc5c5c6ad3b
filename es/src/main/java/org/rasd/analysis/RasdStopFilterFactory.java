package org.rasd.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_stop}: removes Arabic stop words. Use it after {@code rasd_normalize}: the list
 * ({@code arabic_stopwords.txt}) holds normalized forms — Lucene's ArabicAnalyzer default set
 * passed through the Rasd normalization, plus common news function words.
 */
@NamedComponent("rasd_stop")
public class RasdStopFilterFactory implements TokenFilterFactory {

    static final String RESOURCE = "arabic_stopwords.txt";

    /** Loaded once per node, on first use. */
    private static final class Holder {
        static final CharArraySet STOP_WORDS = CharArraySet.unmodifiableSet(new CharArraySet(WordLists.load(RESOURCE), false));
    }

    static CharArraySet stopWords() {
        return Holder.STOP_WORDS;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new StopFilter(tokenStream, Holder.STOP_WORDS);
    }
}
