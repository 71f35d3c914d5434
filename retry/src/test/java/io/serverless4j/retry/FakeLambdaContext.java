/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/** A Lambda context on a fake clock: time passes only when a test advances it. */
final class FakeLambdaContext implements Context {

    private final long deadlineNanos;
    private long nowNanos;

    FakeLambdaContext(Duration remaining) {
        this.deadlineNanos = remaining.toNanos();
    }

    void advance(Duration duration) {
        nowNanos += duration.toNanos();
    }

    long nanoTime() {
        return nowNanos;
    }

    Duration remaining() {
        return Duration.ofNanos(deadlineNanos - nowNanos);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, remaining().toMillis());
    }

    @Override
    public String getAwsRequestId() {
        return "test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:test";
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
        return null;
    }
}
