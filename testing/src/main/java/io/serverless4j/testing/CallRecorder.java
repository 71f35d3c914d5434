/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the calls that SDK v2 clients make, per service and operation, so a test can state "exactly two
 * DynamoDB calls" instead of trusting that a cache or a batch did its job.
 *
 * <p>Two things are counted separately: {@linkplain #calls() API calls} (one per SDK method invocation, whatever
 * the SDK's own retries do) and {@linkplain #attempts(String) HTTP attempts} (one per request sent, so SDK retries
 * show up here). Add it to a client with {@link LocalEndpoint#configure(
 * software.amazon.awssdk.awscore.client.builder.AwsClientBuilder, CallRecorder)}, or get one injected by
 * {@link LocalAws}. Thread-safe.
 */
public final class CallRecorder implements ExecutionInterceptor {

    /**
     * One recorded API call.
     *
     * @param service the SDK's service name, e.g. {@code DynamoDb}, {@code Sqs}
     * @param operation the operation name, e.g. {@code PutItem}
     */
    public record Call(String service, String operation) {}

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Call> attempts = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(callOf(attributes));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.add(callOf(attributes));
    }

    private static Call callOf(ExecutionAttributes attributes) {
        return new Call(
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /**
     * Every API call recorded so far, in the order they started.
     *
     * @return an immutable snapshot
     */
    public List<Call> calls() {
        return List.copyOf(new ArrayList<>(calls));
    }

    /**
     * The number of API calls of one operation, from any service.
     *
     * @param operation e.g. {@code PutItem}
     * @return how many calls of it started
     */
    public int calls(String operation) {
        return (int) calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /**
     * The number of API calls recorded so far, all operations together.
     *
     * @return the total
     */
    public int totalCalls() {
        return calls.size();
    }

    /**
     * The number of HTTP attempts of one operation, including the SDK's own retries.
     *
     * @param operation e.g. {@code PutItem}
     * @return how many requests of it were sent
     */
    public int attempts(String operation) {
        return (int) attempts.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        calls.clear();
        attempts.clear();
    }

    @Override
    public String toString() {
        return "CallRecorder" + calls();
    }
}
