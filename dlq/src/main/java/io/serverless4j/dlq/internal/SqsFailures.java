/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.retry.RetriesExhaustedException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Says which SQS failures end a replay run (wrong queue or credentials) and describes failures for reports. */
public final class SqsFailures {

    /** Error codes that no retry and no other message can fix: the run must stop. */
    private static final Set<String> FATAL_CODES = Set.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "AccessDenied", "AccessDeniedException",
            "KmsAccessDenied", "KMS.AccessDeniedException", "KmsDisabled", "KmsNotFound", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "InvalidSecurity", "IncompleteSignature", "MissingAuthenticationToken", "OptInRequired");

    private SqsFailures() {}

    /**
     * Whether the failure is about the queue or the caller (missing queue, access, credentials), not the request's
     * content: every further call would fail the same way.
     *
     * @param e the failure
     * @return true when the run must stop
     */
    public static boolean fatal(Throwable e) {
        if (e instanceof AwsServiceException aws) {
            if (aws.statusCode() == 403 || aws.statusCode() == 401 || aws instanceof QueueDoesNotExistException) {
                return true;
            }
            return fatalCode(aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode());
        }
        return false;
    }

    /**
     * Whether a per-entry error code of a batch call means the queue or the caller is wrong.
     *
     * @param code the entry's error code, or null
     * @return true when the run must stop
     */
    public static boolean fatalCode(String code) {
        return code != null && FATAL_CODES.contains(code);
    }

    /**
     * Whether the failure is the SDK cutting a call off at its {@code apiCallTimeout}/{@code apiCallAttemptTimeout}:
     * the request may or may not have reached SQS.
     *
     * @param e the failure
     * @return true for a timeout
     */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A short description for reports: the error code and message.
     *
     * @param e the failure
     * @return e.g. {@code ThrottlingException: Rate exceeded}
     */
    public static String describe(Throwable e) {
        if (e instanceof RetriesExhaustedException exhausted && exhausted.getCause() != null) {
            return describe(exhausted.getCause()) + " (" + exhausted.attempts() + " attempts)";
        }
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
