package org.rasd.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/** Applies {@link RasdStemmer} to every term not marked as a keyword. */
public final class RasdStemFilter extends TokenFilter {

    private final RasdStemmer stemmer;
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);

    RasdStemFilter(TokenStream input, RasdStemmer stemmer) {
        super(input);
        this.stemmer = stemmer;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (input.incrementToken() == false) {
            return false;
        }
        if (keywordAtt.isKeyword() == false) {
            termAtt.setLength(stemmer.stem(termAtt.buffer(), termAtt.length()));
        }
        return true;
    }
}
