/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import com.adobe.testing.s3mock.S3MockApplication;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalAwsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The only class that touches S3Mock's types, loaded only after LocalS3 checked that S3Mock is present, so the
 * optional dependency never causes a NoClassDefFoundError elsewhere.
 */
public final class S3MockLauncher {

    private S3MockLauncher() {}

    /**
     * A running S3Mock.
     *
     * @param port its HTTP port
     * @param application the Spring application
     */
    public record Running(int port, S3MockApplication application) implements AutoCloseable {
        @Override
        public void close() {
            try {
                application.stop();
            } catch (IllegalStateException alreadyClosed) {
                // Spring's shutdown hook got there first: the server is stopped, which is what was asked.
            }
        }
    }

    /**
     * Starts S3Mock with HTTP on {@code port} (0: any) and HTTPS on a random port.
     *
     * @param port the HTTP port
     * @return the running server
     */
    public static Running start(int port) {
        Path root;
        try {
            root = Files.createTempDirectory("serverless4j-s3mock-");
        } catch (IOException e) {
            throw new LocalAwsException("cannot create a temporary directory for S3Mock's objects: " + e, e);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(S3MockApplication.PROP_HTTP_PORT, port);
        properties.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        properties.put("server.address", "127.0.0.1");
        properties.put("com.adobe.testing.s3mock.store.root", root.toString());
        properties.put("com.adobe.testing.s3mock.store.retain-files-on-exit", false);
        properties.put("com.adobe.testing.s3mock.store.region", LocalAws.region().id());
        properties.put("spring.main.banner-mode", "off");
        // S3Mock's own JVM shutdown hook closes it (and deletes its files); a second stop from us would fail.
        properties.put("spring.main.register-shutdown-hook", true);
        properties.put("logging.level.root", "WARN");
        properties.put(S3MockApplication.PROP_SILENT, true);
        try {
            S3MockApplication application = S3MockApplication.start(properties);
            return new Running(application.getHttpPort(), application);
        } catch (RuntimeException e) {
            throw new LocalAwsException("S3Mock did not start on 127.0.0.1:" + port + ": " + e, e);
        }
    }
}
