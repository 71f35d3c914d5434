/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM is what a user imports: it must list every published module (a module directory with a
 * {@code .published} marker) and nothing else of ours, and pin the AWS SDK, Jackson and resilience4j versions the
 * parent builds with.
 */
class BomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(serverless4j-[^<]+)</artifactId>");

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        return m.find() ? m.group(1) : null;
    }

    private static String artifactOf(Path moduleDir) {
        Matcher m = ARTIFACT.matcher(Repository.read(moduleDir.resolve("pom.xml")));
        m.find(); // the parent's artifactId comes first
        return m.find() ? m.group(1) : null;
    }

    @Test
    void listsExactlyThePublishedModules() {
        String parent = Repository.read(Repository.ROOT.resolve("pom.xml"));
        Set<String> published = new LinkedHashSet<>();
        List<String> modules = new ArrayList<>();
        Matcher module = MODULE.matcher(parent);
        while (module.find()) {
            modules.add(module.group(1));
            Path dir = Repository.ROOT.resolve(module.group(1));
            if (Files.exists(dir.resolve(".published"))) {
                published.add(artifactOf(dir));
            }
        }
        Set<String> inBom = new LinkedHashSet<>();
        Matcher artifact = ARTIFACT.matcher(Repository.read(Repository.ROOT.resolve("bom/pom.xml")));
        while (artifact.find()) {
            inBom.add(artifact.group(1));
        }
        inBom.remove("serverless4j-bom");

        assertThat(modules).contains("core", "events", "retry", "batch", "messaging", "dlq", "dlq-cli", "idempotency",
                "thumbnails", "testing");
        assertThat(inBom).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void pinsTheVersionsTheParentBuildsWith() {
        String parent = Repository.read(Repository.ROOT.resolve("pom.xml"));
        String bom = Repository.read(Repository.ROOT.resolve("bom/pom.xml"));
        for (String version : List.of("aws.sdk.version", "jackson.version", "resilience4j.version")) {
            assertThat(property(bom, version)).as(version).isNotNull().isEqualTo(property(parent, version));
        }
        assertThat(bom).contains("<artifactId>bom</artifactId>", "<artifactId>jackson-bom</artifactId>",
                "<artifactId>resilience4j-bom</artifactId>");
    }
}
