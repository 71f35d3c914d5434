/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.testing.internal.S3MockLauncher;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 on loopback: Adobe's S3Mock running inside this JVM, or an existing endpoint named by
 * {@code SERVERLESS4J_S3_ENDPOINT}.
 *
 * <p>S3Mock is a Spring Boot application that takes several seconds to start, so use the shared instance from
 * {@link LocalAws#s3()}, which starts once per JVM. It is an optional dependency of serverless4j-testing: add
 * {@code com.adobe.testing:s3mock} (test scope) to use it. Thread-safe.
 */
public final class LocalS3 extends LocalService {

    private LocalS3(URI endpoint, AutoCloseable server) {
        super("S3Mock", endpoint, server);
    }

    /**
     * Starts S3Mock on 127.0.0.1, storing objects in a temporary directory deleted on stop.
     *
     * @param port the port, or 0 for any free port
     * @return the running emulator
     * @throws LocalAwsException when S3Mock is not on the classpath or does not start
     */
    public static LocalS3 start(int port) {
        try {
            Class.forName("com.adobe.testing.s3mock.S3MockApplication", false, LocalS3.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new LocalAwsException("S3Mock is not on the classpath. Add the test dependency "
                    + "com.adobe.testing:s3mock:5.2.0 (serverless4j-testing declares it optional to keep Spring Boot "
                    + "off the classpath of users who don't test S3), or set SERVERLESS4J_S3_ENDPOINT to an existing "
                    + "S3-compatible endpoint.");
        }
        S3MockLauncher.Running running = S3MockLauncher.start(port);
        return new LocalS3(URI.create("http://127.0.0.1:" + running.port()), running);
    }

    static LocalS3 external(URI endpoint) {
        return new LocalS3(endpoint, null);
    }



    /**
     * A new client for this endpoint (path-style access); the caller closes it.
     *
     * @return a configured client
     */
    public S3Client newClient() {
        return configure(S3Client.builder()).build();
    }


}
