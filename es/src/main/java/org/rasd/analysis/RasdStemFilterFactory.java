package org.rasd.analysis;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_stem}: the clitic-aware Arabic light stemmer ({@link RasdStemmer}: protected words,
 * then a layered Light10; for words with an ambiguous first ب ك ل ف or final ا, a second reading at
 * the same position). Use it after {@code rasd_normalize} (and {@code rasd_stop}); to index the word
 * as written too, put {@code rasd_builtin_keyword_repeat} before it and
 * {@code rasd_builtin_remove_duplicates} after it. Protected words come
 * from two resources next to this class, read once per node:
 * {@code protected_words.txt} (names, generated from the gazetteers) and
 * {@code protected_common_words.txt} (hand-kept: common words that start with a root و, ليبي, a few
 * countries).
 */
@NamedComponent("rasd_stem")
public class RasdStemFilterFactory implements TokenFilterFactory {

    static final String PROTECTED_WORDS = "protected_words.txt";
    static final String PROTECTED_COMMON_WORDS = "protected_common_words.txt";

    private static final class Holder {
        static final RasdStemmer STEMMER = new RasdStemmer(protectedWords());
    }

    static List<String> protectedWords() {
        List<String> words = new ArrayList<>(WordLists.load(PROTECTED_WORDS));
        words.addAll(WordLists.load(PROTECTED_COMMON_WORDS));
        return words;
    }

    static RasdStemmer stemmer() {
        return Holder.STEMMER;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RasdStemFilter(tokenStream, Holder.STEMMER);
    }
}
