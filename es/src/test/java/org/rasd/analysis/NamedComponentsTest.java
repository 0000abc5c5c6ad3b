package org.rasd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.junit.jupiter.api.Test;

/** named_components.json (what Elasticsearch reads) agrees with the classes and their annotations. */
class NamedComponentsTest {

    private static final Pattern SECTION = Pattern.compile("\"([\\w.]+)\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern ENTRY = Pattern.compile("\"([\\w]+)\"\\s*:\\s*\"([\\w.]+)\"");

    @Test
    void everyListedClassImplementsItsInterfaceAndCarriesItsName() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/named_components.json")) {
            assertNotNull(in, "named_components.json missing");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int count = 0;
        Matcher section = SECTION.matcher(json);
        while (section.find()) {
            Class<?> extensible = Class.forName(section.group(1));
            assertTrue(List.of(TokenFilterFactory.class, TokenizerFactory.class).contains(extensible), section.group(1));
            Matcher entry = ENTRY.matcher(section.group(2));
            while (entry.find()) {
                Class<?> clazz = Class.forName(entry.group(2));
                assertTrue(extensible.isAssignableFrom(clazz), clazz + " is not a " + extensible.getSimpleName());
                NamedComponent named = clazz.getAnnotation(NamedComponent.class);
                assertNotNull(named, clazz + " has no @NamedComponent");
                assertEquals(entry.group(1), named.value());
                // Elasticsearch needs exactly one public constructor: no arguments, or @Inject settings
                Constructor<?>[] constructors = clazz.getConstructors();
                assertEquals(1, constructors.length, clazz + " must have one public constructor");
                if (constructors[0].getParameterCount() > 0) {
                    assertNotNull(constructors[0].getAnnotation(Inject.class), clazz + ": constructor with settings needs @Inject");
                    for (Class<?> p : constructors[0].getParameterTypes()) {
                        assertNotNull(p.getAnnotation(AnalysisSettings.class), p + " is not an @AnalysisSettings interface");
                    }
                } else {
                    constructors[0].newInstance();
                }
                count++;
            }
        }
        assertEquals(11, count);
    }

    @Test
    void keywordTokenizerKeepsTheWholeInput() {
        assertEquals(List.of("COVID-19 ليبيا\u200b"),
            TokenStreams.collect(new BuiltinKeywordTokenizerFactory().create(), "COVID-19 ليبيا\u200b", ts -> ts));
    }

    @Test
    void wordListsAreInTheJar() throws IOException {
        for (String name : new String[] {
            RasdStopFilterFactory.RESOURCE, RasdStemFilterFactory.PROTECTED_WORDS, RasdStemFilterFactory.PROTECTED_COMMON_WORDS}) {
            assertFalse(WordLists.load(name).isEmpty(), name);
        }
    }
}
