/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The AWS SDK is an optional dependency: only DynamoDbImages may refer to it. */
class DependencyIsolationTest {

    @Test
    void onlyDynamoDbImagesReferencesTheAwsSdk() throws IOException, URISyntaxException {
        Path classes = Path.of(Events.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> referencing;
        try (Stream<Path> files = Files.walk(classes)) {
            referencing = files.filter(file -> file.toString().endsWith(".class"))
                    .filter(DependencyIsolationTest::mentionsTheSdk)
                    .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(referencing).containsExactly("io/serverless4j/events/dynamodb/DynamoDbImages.class");
    }

    @Test
    void parsingEventsNeverLoadsTheSdk() {
        // Parsing a stream event and touching every image must not need SDK classes: DynamoDbImages is the only
        // entry point to them, and its class is only loaded when called.
        ClassLoader loader = getClass().getClassLoader();
        Events.parse(Fixtures.read("dynamodb-stream-event.json"), io.serverless4j.events.dynamodb.DynamoDbStreamEvent.class)
                .records().forEach(record -> record.dynamodb().newImage().values().forEach(Object::toString));
        assertThat(loader).isNotNull();
    }

    private static boolean mentionsTheSdk(Path classFile) {
        try {
            // Class-file constant pools hold referenced class names as modified UTF-8, which is ASCII here.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
                    .contains("software/amazon/awssdk");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
