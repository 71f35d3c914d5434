/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.retry.AwsErrors.Category;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class AwsErrorsTest {

    private static AwsServiceException service(String code, int status) {
        return SqsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .message(code).build();
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) is {2}")
    @CsvSource({
        "ThrottlingException, 400, THROTTLING",
        "Throttling, 400, THROTTLING",
        "ProvisionedThroughputExceededException, 400, THROTTLING",
        "RequestLimitExceeded, 400, THROTTLING",
        "TooManyRequestsException, 429, THROTTLING",
        "SlowDown, 503, THROTTLING",
        "LimitExceededException, 400, THROTTLING",
        "TransactionConflictException, 400, TRANSIENT_SERVICE",
        "TransactionConflict, 400, TRANSIENT_SERVICE",
        "InternalServerError, 500, TRANSIENT_SERVICE",
        "ServiceUnavailable, 503, TRANSIENT_SERVICE",
        "SomethingNew, 502, TRANSIENT_SERVICE",
        "RequestTimeout, 400, TRANSIENT_SERVICE",
        "RequestTimeTooSkewed, 403, CLOCK_SKEW",
        "RequestExpired, 400, CLOCK_SKEW",
        "ValidationException, 400, NOT_RETRYABLE",
        "AccessDeniedException, 403, NOT_RETRYABLE",
        "AccessDenied, 403, NOT_RETRYABLE",
        "ConditionalCheckFailedException, 400, NOT_RETRYABLE",
        "ResourceNotFoundException, 400, NOT_RETRYABLE",
        "AWS.SimpleQueueService.NonExistentQueue, 400, NOT_RETRYABLE",
        "InvalidParameterValue, 400, NOT_RETRYABLE",
    })
    void serviceErrorsAreClassifiedByCodeAndStatus(String code, int status, Category expected) {
        assertThat(AwsErrors.categorize(service(code, status))).isEqualTo(expected);
        assertThat(AwsErrors.isRetryable(service(code, status))).isEqualTo(expected != Category.NOT_RETRYABLE);
    }

    @Test
    void transientIoIsRetriedWhereverItSitsInTheChain() {
        SdkClientException reset = SdkClientException.create("Unable to execute HTTP request",
                new IOException("Connection reset"));
        assertThat(AwsErrors.categorize(reset)).isEqualTo(Category.TRANSIENT_IO);
        assertThat(AwsErrors.isRetryable(new CompletionException(reset))).isTrue();
        assertThat(AwsErrors.isRetryable(SdkClientException.create("x", new ConnectException("refused")))).isTrue();
        assertThat(AwsErrors.isRetryable(new UncheckedIOException(new SocketTimeoutException("read")))).isTrue();
        assertThat(AwsErrors.categorize(ApiCallAttemptTimeoutException.create(1000))).isEqualTo(Category.TRANSIENT_IO);
    }

    @Test
    void aThrottlingErrorWrappedInAnotherExceptionIsStillThrottling() {
        RuntimeException wrapped = new RuntimeException("handler failed", service("ThrottlingException", 400));
        assertThat(AwsErrors.isThrottling(wrapped)).isTrue();
    }

    @Test
    void aDefiniteAnswerHigherInTheChainWins() {
        // The service said "validation error"; an I/O exception deeper down must not make it retryable.
        AwsServiceException validation = SqsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build())
                .cause(new IOException("irrelevant")).build();
        assertThat(AwsErrors.isRetryable(validation)).isFalse();
        assertThat(AwsErrors.isRetryable(ApiCallTimeoutException.create(5000))).isFalse();
    }

    @Test
    void clientSideBugsAndUnknownExceptionsAreNotRetried() {
        assertThat(AwsErrors.isRetryable(SdkClientException.create("Unable to load region"))).isFalse();
        assertThat(AwsErrors.isRetryable(new IllegalStateException("bug"))).isFalse();
        assertThat(AwsErrors.isRetryable(new NullPointerException())).isFalse();
        assertThat(AwsErrors.isRetryable(null)).isFalse();
    }

    @Test
    void aSelfCausedExceptionDoesNotLoop() {
        RuntimeException weird = new RuntimeException("self") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(AwsErrors.isRetryable(weird)).isFalse();
    }
}
