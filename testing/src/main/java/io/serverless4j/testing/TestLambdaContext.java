/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.serverless4j.core.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lambda {@link Context} for tests, with a deadline: invoke handlers the way Lambda does, and test what they do
 * when time runs short.
 *
 * <p>Two clocks. {@link #withRemainingTime(Duration)} counts down in real time, as in Lambda.
 * {@link #onFakeClock(Duration)} stands still until the test calls {@link #advance(Duration)}, so deadline logic
 * can be tested without sleeping. Either is also the core module's {@link Ticker}: every serverless4j module that
 * is handed this context measures its deadline, its attempts and its waits on it, so on a fake clock a backoff
 * wait advances the clock instead of sleeping.
 * The logger writes to standard output. Thread-safe.
 */
public final class TestLambdaContext implements Context, Ticker {

    private static final String ACCOUNT = "000000000000";

    private final String requestId;
    private final String functionName;
    private final boolean fakeClock;
    private final long startNanos;
    private final long remainingNanos;
    private final long[] advancedNanos;

    private TestLambdaContext(String requestId, String functionName, boolean fakeClock, long startNanos,
            long remainingNanos, long[] advancedNanos) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.fakeClock = fakeClock;
        this.startNanos = startNanos;
        this.remainingNanos = remainingNanos;
        this.advancedNanos = advancedNanos;
    }

    /**
     * A context whose remaining time counts down in real time from {@code remaining}.
     *
     * @param remaining the time left when the invocation starts
     * @return the context, with a random request id
     */
    public static TestLambdaContext withRemainingTime(Duration remaining) {
        return new TestLambdaContext(UUID.randomUUID().toString(), "test-function", false, System.nanoTime(),
                remaining.toNanos(), new long[1]);
    }

    /**
     * A context whose clock moves only when {@link #advance(Duration)} is called.
     *
     * @param remaining the time left when the invocation starts
     * @return the context, with a random request id
     */
    public static TestLambdaContext onFakeClock(Duration remaining) {
        return new TestLambdaContext(UUID.randomUUID().toString(), "test-function", true, 0, remaining.toNanos(),
                new long[1]);
    }

    /**
     * The same context (sharing its clock) with another request id.
     *
     * @param requestId the {@code awsRequestId}
     * @return a context with that id
     */
    public TestLambdaContext withRequestId(String requestId) {
        return new TestLambdaContext(requestId, functionName, fakeClock, startNanos, remainingNanos, advancedNanos);
    }

    /**
     * The same context (sharing its clock) with another function name.
     *
     * @param functionName the function name, also used in the ARN and log group
     * @return a context with that name
     */
    public TestLambdaContext withFunctionName(String functionName) {
        return new TestLambdaContext(requestId, functionName, fakeClock, startNanos, remainingNanos, advancedNanos);
    }

    /**
     * Moves a fake clock forward.
     *
     * @param duration how far
     * @throws IllegalStateException on a real-time context
     */
    public void advance(Duration duration) {
        if (!fakeClock) {
            throw new IllegalStateException("advance() needs a context from onFakeClock(); this one runs in real time");
        }
        synchronized (advancedNanos) {
            advancedNanos[0] += duration.toNanos();
        }
    }

    /**
     * This context's clock in nanoseconds: {@link System#nanoTime()} for a real-time context, the advanced time of
     * a fake one. Inject it where code under test measures durations.
     *
     * @return the clock's reading
     */
    @Override
    public long nanoTime() {
        if (!fakeClock) {
            return System.nanoTime();
        }
        synchronized (advancedNanos) {
            return advancedNanos[0];
        }
    }

    /**
     * Whether this context runs in real time ({@link #withRemainingTime}) rather than on a fake clock.
     *
     * @return true for a real-time context
     */
    @Override
    public boolean realTime() {
        return !fakeClock;
    }

    /**
     * Lets {@code duration} pass: a real sleep on a real-time context, an {@link #advance} of a fake clock.
     *
     * @param duration how long
     * @throws InterruptedException when interrupted during a real sleep
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (fakeClock) {
            advance(duration);
        } else {
            Ticker.system().sleep(duration);
        }
    }

    /**
     * The time left, which may be negative once the deadline has passed.
     *
     * @return the remaining time
     */
    public Duration remainingTime() {
        return Duration.ofNanos(remainingNanos - (nanoTime() - startNanos));
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remainingTime().toMillis()));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2026/01/01/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + LocalAws.region().id() + ":" + ACCOUNT + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String toString() {
        return "TestLambdaContext[" + requestId + ", " + remainingTime().toMillis() + " ms left"
                + (fakeClock ? ", fake clock" : "") + "]";
    }
}
