package org.rasd.analysis;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Applies {@link RasdStemmer} to every term not marked as a keyword: emits the stem and, when the
 * word has a different alternative reading ({@link RasdStemmer#alternative}), that reading's stem
 * right after it at the same position (position increment 0), like a synonym. A {@code match}
 * query then scores both readings as one term (Lucene's SynonymQuery).
 */
public final class RasdStemFilter extends TokenFilter {

    private final RasdStemmer stemmer;
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);

    private char[] alternative = new char[16];
    private int alternativeLength;
    private State pending;

    RasdStemFilter(TokenStream input, RasdStemmer stemmer) {
        super(input);
        this.stemmer = stemmer;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null) {
            restoreState(pending);
            pending = null;
            termAtt.copyBuffer(alternative, 0, alternativeLength);
            posIncAtt.setPositionIncrement(0);
            return true;
        }
        if (input.incrementToken() == false) {
            return false;
        }
        if (keywordAtt.isKeyword()) {
            return true;
        }
        char[] buf = termAtt.buffer();
        int len = termAtt.length();
        alternative = ArrayUtil.grow(alternative, len);
        System.arraycopy(buf, 0, alternative, 0, len);
        alternativeLength = stemmer.alternative(alternative, len);
        int stemLength = stemmer.stem(buf, len);
        termAtt.setLength(stemLength);
        if (alternativeLength >= 0
            && Arrays.equals(alternative, 0, alternativeLength, termAtt.buffer(), 0, stemLength) == false) {
            pending = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
    }
}
