/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverless4j.testing.internal.Budget;
import io.serverless4j.testing.internal.FaultInjector;
import io.serverless4j.testing.internal.WireMocks;
import java.net.URI;
import java.util.Objects;

/**
 * A WireMock proxy in front of a local endpoint that makes the next N requests of an operation fail (throttling,
 * HTTP 500, connection reset) or wait, and passes every other request through to the real emulator.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.dynamoDb())) {
 *     proxy.failNext("PutItem", 2, Fault.throttling());
 *     DynamoDbClient ddb = proxy.configure(DynamoDbClient.builder()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Operations are named as in the API: from the {@code X-Amz-Target} header for JSON protocols (DynamoDB, SQS,
 * EventBridge), and from method, path and query for S3 ({@code PutObject}, {@code GetObject}, {@code HeadObject},
 * {@code ListObjectsV2}, ...). Counts are per HTTP request, so the SDK's own retries use them up. Thread-safe.
 */
public final class FaultProxy implements LocalEndpoint, AutoCloseable {

    private final WireMockServer server;
    private final FaultInjector injector;
    private final URI endpoint;
    private final URI target;

    private FaultProxy(WireMockServer server, FaultInjector injector, URI target) {
        this.server = server;
        this.injector = injector;
        this.target = target;
        this.endpoint = URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Starts a proxy in front of {@code target} on a free loopback port.
     *
     * @param target the endpoint to pass calls through to
     * @return the running proxy; close it when done
     */
    public static FaultProxy inFrontOf(LocalEndpoint target) {
        return inFrontOf(target.endpoint());
    }

    /**
     * Starts a proxy in front of {@code target} on a free loopback port.
     *
     * @param target the URL to pass calls through to
     * @return the running proxy; close it when done
     */
    public static FaultProxy inFrontOf(URI target) {
        Objects.requireNonNull(target, "target");
        FaultInjector injector = new FaultInjector();
        WireMockServer server = WireMocks.start(0, "fault proxy for " + target, injector);
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(target.toString())));
        return new FaultProxy(server, injector, target);
    }

    /**
     * Makes the next {@code times} requests of {@code operation} fail with {@code fault}; later ones pass through.
     * Rules add up: arming the same operation twice fails it for both counts.
     *
     * @param operation the API operation, e.g. {@code PutItem}, {@code SendMessageBatch}, {@code PutObject}
     * @param times how many requests to fail, at least 1
     * @param fault what to do to them
     * @return this proxy
     */
    public FaultProxy failNext(String operation, int times, Fault fault) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        injector.add(new FaultInjector.Rule(operation, fault, new Budget(times)));
        return this;
    }

    /**
     * How many faults this proxy has injected so far.
     *
     * @return the count
     */
    public int injectedFaults() {
        return injector.injected();
    }

    /**
     * How many faults are still armed for {@code operation}.
     *
     * @param operation the operation
     * @return the count
     */
    public int remainingFaults(String operation) {
        return injector.remaining(operation);
    }

    /** Disarms every rule: from now on every call passes through. */
    public void clearFaults() {
        injector.clear();
    }

    /**
     * The endpoint calls are passed through to.
     *
     * @return the target
     */
    public URI target() {
        return target;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the proxy. */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + endpoint + " -> " + target + "]";
    }
}
