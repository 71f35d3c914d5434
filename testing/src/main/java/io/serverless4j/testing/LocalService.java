/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.net.URI;
import java.util.Objects;

/**
 * One service of the local AWS: an emulator this JVM started, or an existing endpoint named by the environment
 * ({@code SERVERLESS4J_<SERVICE>_ENDPOINT}), in which case nothing was started and {@link #close()} does nothing.
 * Thread-safe.
 */
public abstract sealed class LocalService implements LocalEndpoint, AutoCloseable
        permits LocalSqs, LocalS3, LocalDynamoDb, LocalEventBridge {

    private final String emulator;
    private final URI endpoint;
    private final AutoCloseable server;

    LocalService(String emulator, URI endpoint, AutoCloseable server) {
        this.emulator = emulator;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.server = server;
    }

    @Override
    public final URI endpoint() {
        return endpoint;
    }

    /**
     * Whether this is an endpoint given by the environment rather than an emulator we started.
     *
     * @return true for an external endpoint
     */
    public final boolean external() {
        return server == null;
    }

    /**
     * Stops the emulator and drops its data (nothing for an external endpoint).
     *
     * @throws LocalAwsException when it does not stop cleanly
     */
    @Override
    public final void close() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new LocalAwsException(this + " did not stop cleanly: " + e, e);
            }
        }
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + endpoint + ", " + (external() ? "external" : emulator) + "]";
    }
}
