/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS on loopback: ElasticMQ running inside this JVM, or an existing endpoint named by
 * {@code SERVERLESS4J_SQS_ENDPOINT}.
 *
 * <p>Get the shared instance from {@link LocalAws#sqs()}; {@link #start(int)} starts a private one (the
 * {@code main} of {@link LocalAwsMain} does). Thread-safe.
 */
public final class LocalSqs extends LocalService {

    private LocalSqs(URI endpoint, AutoCloseable server) {
        super("ElasticMQ", endpoint, server);
    }

    /**
     * Starts ElasticMQ on 127.0.0.1.
     *
     * @param port the port, or 0 for any free port
     * @return the running emulator
     * @throws LocalAwsException when ElasticMQ does not start
     */
    public static LocalSqs start(int port) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withAWSRegion(LocalAws.region().id());
        builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
        try {
            SQSRestServer server = builder.start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new LocalSqs(URI.create("http://127.0.0.1:" + bound), server::stopAndWait);
        } catch (RuntimeException e) {
            throw new LocalAwsException("ElasticMQ (SQS) did not start on 127.0.0.1:" + port + ": " + e, e);
        }
    }

    static LocalSqs external(URI endpoint) {
        return new LocalSqs(endpoint, null);
    }



    /**
     * A new client for this endpoint; the caller closes it.
     *
     * @return a configured client
     */
    public SqsClient newClient() {
        return configure(SqsClient.builder()).build();
    }


}
