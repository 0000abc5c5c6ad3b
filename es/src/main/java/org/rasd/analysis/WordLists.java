package org.rasd.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the plugin's word-list resources (UTF-8, one word a line, {@code #} starts a comment). */
final class WordLists {

    private WordLists() {}

    /**
     * Returns the words of resource {@code name} (next to this class), each passed through
     * {@link RasdNormalizer#normalize}, so a list written with ة or أ still matches normalized tokens.
     */
    static List<String> load(String name) {
        try (InputStream in = WordLists.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("rasd-analysis: word list resource " + name + " is missing from the plugin jar");
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String word = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (word.isEmpty() == false) {
                    words.add(RasdNormalizer.normalize(word));
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("rasd-analysis: cannot read word list " + name, e);
        }
    }
}
