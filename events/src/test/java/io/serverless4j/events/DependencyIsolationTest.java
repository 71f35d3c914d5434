/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.dynamodb.DynamoDbImages;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void parsesStreamEventsWithoutTheSdkOnTheClasspathAndFailsOnlyWhenConverting() throws Exception {
        URL[] withoutSdk = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("awssdk") && !entry.contains("software" + File.separator + "amazon"))
                .map(DependencyIsolationTest::toUrl)
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(withoutSdk, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("software.amazon.awssdk.core.SdkBytes"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> events = loader.loadClass(Events.class.getName());
            Class<?> streamEvent = loader.loadClass(DynamoDbStreamEvent.class.getName());
            Object parsed = events.getMethod("parse", String.class, Class.class)
                    .invoke(null, Fixtures.read("dynamodb-stream-event.json"), streamEvent);
            assertThat(parsed.toString()).contains("New item!");

            // Only using the converter needs the SDK; its signatures name SDK types, so even reflecting on it fails.
            Class<?> images = loader.loadClass(DynamoDbImages.class.getName());
            assertThatThrownBy(() -> images.getMethod("toSdk", Map.class).invoke(null, Map.of()))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("software/amazon/awssdk");
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
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
