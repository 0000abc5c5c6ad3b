package org.rasd.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code rasd_builtin_decimal_digit}: Lucene's {@link DecimalDigitFilter}, the built-in
 * {@code decimal_digit} filter. With {@code lowercase} and the three {@code rasd_builtin_arabic_*}
 * filters it rebuilds the built-in {@code arabic} analyzer on this minimal distribution:
 * standard, lowercase, rasd_builtin_decimal_digit, rasd_builtin_arabic_stop,
 * rasd_builtin_arabic_normalize, rasd_builtin_arabic_stem.
 */
@NamedComponent("rasd_builtin_decimal_digit")
public class BuiltinDecimalDigitFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new DecimalDigitFilter(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new DecimalDigitFilter(tokenStream);
    }
}
