/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Says whether an AWS SDK v2 failure is worth retrying, looking through the whole cause chain.
 *
 * <p>Retried: throttling, 5xx, clock skew, transient I/O (connection refused or reset, timeouts of one attempt),
 * transaction conflicts, and a few documented transient codes. Never retried: validation errors, access denied,
 * conditional-check failures, missing resources, any other 4xx, and whole-call timeouts (the caller's time budget
 * is spent). Unknown non-AWS exceptions are not retried: retrying a bug only hides it. The full table is in
 * docs/retry.md. Stateless and thread-safe.
 */
public final class AwsErrors {

    /** What kind of failure a throwable is, for retry decisions and for choosing a backoff. */
    public enum Category {
        /** The service asked us to slow down: retry with the throttling backoff. */
        THROTTLING,
        /** A 5xx or a documented transient service error: retry. */
        TRANSIENT_SERVICE,
        /** The request's signature time was off: retry (the SDK corrects its clock offset). */
        CLOCK_SKEW,
        /** A network failure or one attempt's timeout: retry. */
        TRANSIENT_IO,
        /** Anything else: retrying would fail the same way. */
        NOT_RETRYABLE
    }

    /** Error codes that mean "slow down", across services (from the AWS SDKs' own lists and service docs). */
    private static final Set<String> THROTTLING_CODES = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException", "KMS.ThrottlingException",
            "ThrottlingError", "RequestLimitExceededException");

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "TransactionConflict", "TransactionConflictException", "InternalFailure", "InternalError",
            "InternalServerError", "InternalServerErrorException", "ServiceUnavailable",
            "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError",
            "KmsThrottled");

    private static final Set<String> CLOCK_SKEW_CODES = Set.of(
            "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture");

    private static final int MAX_CAUSE_DEPTH = 16;

    private AwsErrors() {}

    /**
     * Whether {@code failure} (or a cause of it) is worth retrying.
     *
     * @param failure any throwable
     * @return true for throttling, transient service errors, clock skew and transient I/O
     */
    public static boolean isRetryable(Throwable failure) {
        return categorize(failure) != Category.NOT_RETRYABLE;
    }

    /**
     * Whether {@code failure} (or a cause of it) is throttling, which deserves a longer backoff.
     *
     * @param failure any throwable
     * @return true for throttling
     */
    public static boolean isThrottling(Throwable failure) {
        return categorize(failure) == Category.THROTTLING;
    }

    /**
     * The category of the first throwable in the cause chain that says something definite. A whole-call timeout
     * or a service error that is not retryable ends the search: a retryable cause deeper down does not make the
     * outcome retryable.
     *
     * @param failure any throwable, or null
     * @return its category
     */
    public static Category categorize(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            Category category = categorizeOne(current);
            if (category != null) {
                return category;
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return Category.NOT_RETRYABLE;
    }

    /**
     * The category of an AWS error code alone, as batch APIs report per-entry failures (PutEvents,
     * SendMessageBatch): throttling, transient and clock-skew codes are retryable, every other code is not.
     *
     * @param errorCode the code, e.g. {@code ThrottlingException} or {@code InternalFailure}; null is not retryable
     * @return its category
     */
    public static Category categorizeCode(String errorCode) {
        if (errorCode == null) {
            return Category.NOT_RETRYABLE;
        }
        if (THROTTLING_CODES.contains(errorCode)) {
            return Category.THROTTLING;
        }
        if (CLOCK_SKEW_CODES.contains(errorCode)) {
            return Category.CLOCK_SKEW;
        }
        return TRANSIENT_CODES.contains(errorCode) ? Category.TRANSIENT_SERVICE : Category.NOT_RETRYABLE;
    }

    /** The category of one throwable, or null when it says nothing and its cause should decide. */
    private static Category categorizeOne(Throwable t) {
        if (t instanceof ApiCallTimeoutException) {
            return Category.NOT_RETRYABLE;
        }
        if (t instanceof ApiCallAttemptTimeoutException) {
            return Category.TRANSIENT_IO;
        }
        if (t instanceof AwsServiceException aws) {
            Category byCode = categorizeCode(aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode());
            if (byCode == Category.THROTTLING || aws.isThrottlingException()) {
                return Category.THROTTLING;
            }
            if (byCode == Category.CLOCK_SKEW || aws.isClockSkewException()) {
                return Category.CLOCK_SKEW;
            }
            if (byCode == Category.TRANSIENT_SERVICE || aws.statusCode() >= 500) {
                return Category.TRANSIENT_SERVICE;
            }
            return Category.NOT_RETRYABLE;
        }
        if (t instanceof SdkServiceException service) {
            if (service.isThrottlingException()) {
                return Category.THROTTLING;
            }
            return service.statusCode() >= 500 ? Category.TRANSIENT_SERVICE : Category.NOT_RETRYABLE;
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return Category.TRANSIENT_IO;
        }
        if (t instanceof SdkClientException) {
            // A client exception is transient only when an I/O failure caused it; otherwise it is a bad request
            // built on our side (missing region, unmarshalling error, ...). Let the cause decide.
            return t.getCause() == null ? Category.NOT_RETRYABLE : null;
        }
        return t.getCause() == null ? Category.NOT_RETRYABLE : null;
    }
}
