/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

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
    public static boolean fatal(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            if (aws.statusCode() == 403 || aws.statusCode() == 401) {
                return true;
            }
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            return code != null && FATAL_CODES.contains(code)
                    || aws instanceof software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
        }
        return false;
    }

    /**
     * A short description for reports: the error code and message.
     *
     * @param e the failure
     * @return e.g. {@code ThrottlingException: Rate exceeded}
     */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
