/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository this build runs in: its root and its files, for checks that look at it as a whole. */
final class Repository {

    static final Path ROOT = findRoot();

    private Repository() {}

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Every Markdown file of the repository, outside build output and installed packages. */
    static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        return !relative.contains("/target/") && !relative.startsWith("target/")
                                && !relative.contains("node_modules/") && !relative.startsWith(".");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }
}
