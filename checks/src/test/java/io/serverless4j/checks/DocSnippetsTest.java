/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in README.md, docs/ and the module READMEs is cut from compiled code: the line before its
 * fence names the source and the tag ({@code <!-- snippet: path/from/root/X.java#tag -->}), and the fenced code is
 * exactly the dedented region between {@code // tag::tag[]} and {@code // end::tag[]} in that source. A snippet
 * without the marker, a marker whose tag is missing, and a snippet that differs from its source all fail.
 */
class DocSnippetsTest {

    private static final Pattern FENCE = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)#([A-Za-z0-9_-]+) -->");

    record Snippet(String file, int line, String marker, String code) {}

    static List<Snippet> snippets() {
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : Repository.markdownFiles()) {
            String text = Repository.read(file);
            Matcher fence = FENCE.matcher(text);
            while (fence.find()) {
                String before = text.substring(0, fence.start()).stripTrailing();
                String lastLine = before.substring(before.lastIndexOf('\n') + 1).strip();
                int line = (int) text.substring(0, fence.start()).chars().filter(c -> c == '\n').count() + 1;
                snippets.add(new Snippet(Repository.relative(file), line, lastLine, fence.group(1)));
            }
        }
        return snippets;
    }

    /** The dedented region between the tag comments, or null when the source has no such tag. */
    static String region(Path source, String tag) {
        if (!Files.exists(source)) {
            return null;
        }
        Matcher region = Pattern.compile("(?m)^[ \\t]*// tag::" + Pattern.quote(tag) + "\\[]\\n(.*?)^[ \\t]*// end::"
                + Pattern.quote(tag) + "\\[]", Pattern.DOTALL).matcher(Repository.read(source));
        return region.find() ? dedent(region.group(1)) : null;
    }

    static String dedent(String code) {
        List<String> lines = code.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    @Test
    void everyJavaSnippetInTheDocsIsExactlyATaggedRegionOfCompiledCode() {
        List<Snippet> snippets = snippets();
        List<String> problems = new ArrayList<>();
        for (Snippet snippet : snippets) {
            String where = snippet.file() + ":" + snippet.line();
            Matcher marker = MARKER.matcher(snippet.marker());
            if (!marker.matches()) {
                problems.add(where + ": no <!-- snippet: path#tag --> line right before the ```java fence");
                continue;
            }
            Path source = Repository.ROOT.resolve(marker.group(1));
            String region = region(source, marker.group(2));
            if (region == null) {
                problems.add(where + ": " + marker.group(1) + " has no region tagged " + marker.group(2));
            } else if (!region.equals(snippet.code())) {
                problems.add(where + ": differs from " + marker.group(1) + "#" + marker.group(2)
                        + "\n--- docs:\n" + snippet.code() + "--- source:\n" + region);
            }
        }
        assertThat(snippets).as("the docs have Java snippets to check").isNotEmpty();
        assertThat(problems).as("snippets that are not their compiled source").isEmpty();
    }

    @Test
    void theMarkerAndTheRegionAreFoundAsDocumented() {
        assertThat(dedent("    a\n      b\n\n    c\n")).isEqualTo("a\n  b\n\nc\n");
        assertThat(MARKER.matcher("<!-- snippet: core/src/test/java/X.java#open-scope -->").matches()).isTrue();
        assertThat(MARKER.matcher("<!-- snippet: X.java -->").matches()).isFalse();
    }
}
