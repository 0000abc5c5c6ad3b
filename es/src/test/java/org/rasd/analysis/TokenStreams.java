package org.rasd.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Runs text through a tokenizer and a filter chain and collects the terms. */
final class TokenStreams {

    private TokenStreams() {}

    /** Whitespace-tokenizes {@code text} and applies {@code chain}. */
    static List<String> terms(String text, UnaryOperator<TokenStream> chain) {
        return collect(new WhitespaceTokenizer(), text, chain);
    }

    /** The whole {@code text} as one token, through {@code chain}. */
    static String term(String text, UnaryOperator<TokenStream> chain) {
        List<String> terms = collect(new KeywordTokenizer(), text, chain);
        if (terms.size() != 1) {
            throw new AssertionError("expected one token for " + text + ", got " + terms);
        }
        return terms.get(0);
    }

    static List<String> collect(Tokenizer tokenizer, String text, UnaryOperator<TokenStream> chain) {
        tokenizer.setReader(new StringReader(text));
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = chain.apply(tokenizer)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
