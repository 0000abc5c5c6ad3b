package org.rasd.analysis;

import java.io.IOException;
import java.util.Locale;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Applies {@link RasdNormalizer} to every term. Tokens emptied by it are kept (as empty terms), like Python. */
public final class RasdNormalizeFilter extends TokenFilter {

    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);

    public RasdNormalizeFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (input.incrementToken() == false) {
            return false;
        }
        char[] buf = termAtt.buffer();
        int len = termAtt.length();
        int ligatures = RasdNormalizer.countLigatures(buf, len);
        if (ligatures > 0) {
            buf = termAtt.resizeBuffer(len + ligatures);
            len = RasdNormalizer.expandLigatures(buf, len, ligatures);
        }
        len = RasdNormalizer.mapChars(buf, len);
        termAtt.setLength(len);
        if (RasdNormalizer.mayNeedLowerCase(buf, len)) {
            String lower = new String(buf, 0, len).toLowerCase(Locale.ROOT);
            termAtt.setEmpty().append(lower);
        }
        return true;
    }
}
