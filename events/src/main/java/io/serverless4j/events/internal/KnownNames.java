/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import java.nio.charset.StandardCharsets;

/**
 * The field names and map keys AWS events use, canonicalized: a name read from the input is matched against
 * this table by its bytes and returned as the interned literal, so reading a known name allocates nothing and
 * the readers' {@code switch} on it hits the identity fast path of {@link String#equals}. Immutable after class
 * initialization, so safe to share between threads.
 */
final class KnownNames {

    private static final String[] NAMES = {
            "AWSTraceHeader", "ApproximateCreationDateTime", "ApproximateFirstReceiveTimestamp",
            "ApproximateReceiveCount", "B", "BOOL", "BS", "DeadLetterQueueSourceArn", "EventSource",
            "EventSubscriptionArn", "EventVersion", "Keys", "L", "M", "Message",
            "MessageAttributes", "MessageDeduplicationId", "MessageGroupId", "MessageId", "N", "NS",
            "NULL", "NewImage", "OldImage", "Records", "S", "SS", "SenderId", "SentTimestamp",
            "SequenceNumber", "Signature", "SignatureVersion", "SigningCertURL", "SigningCertUrl",
            "SizeBytes", "Sns", "StreamViewType", "Subject", "Timestamp", "TopicArn", "Type",
            "UnsubscribeURL", "UnsubscribeUrl", "Value", "accept", "accessKey", "account",
            "accountId", "apiId", "apiKey", "apiKeyId", "approximateArrivalTimestamp", "arn",
            "attributes", "authentication", "authorization", "authorizer", "awsRegion",
            "binaryListValues", "binaryValue", "body", "bucket", "caller", "claims", "clientCert",
            "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
            "cognitoIdentityPoolId", "configurationId", "content-length", "content-type", "cookies",
            "data", "dataType", "deletion-type", "detail", "detail-type", "domainName",
            "domainPrefix", "dynamodb", "eTag", "encryptionType", "etag", "eventID", "eventName",
            "eventSource", "eventSourceARN", "eventTime", "eventVersion", "extendedRequestId",
            "headers", "host", "http", "httpMethod", "iam", "id", "identity", "invokeIdentityArn",
            "isBase64Encoded", "jwt", "key", "kinesis", "kinesisSchemaVersion", "lambda",
            "md5OfBody", "md5OfMessageAttributes", "messageAttributes", "messageId", "method",
            "multiValueHeaders", "multiValueQueryStringParameters", "name", "object", "origin",
            "ownerIdentity", "partitionKey", "path", "pathParameters", "principalId",
            "principalOrgId", "protocol", "queryStringParameters", "rawPath", "rawQueryString",
            "reason", "receiptHandle", "region", "replay-name", "request-id", "requestContext",
            "requestId", "requestParameters", "requestTime", "requestTimeEpoch", "requester",
            "resource", "resourceId", "resourcePath", "resources", "responseElements", "routeKey",
            "s3", "s3SchemaVersion", "scopes", "sequenceNumber", "sequencer", "size", "source",
            "source-ip-address", "sourceIPAddress", "sourceIp", "stage", "stageVariables",
            "stringListValues", "stringValue", "time", "timeEpoch", "type", "user", "user-agent",
            "userAgent", "userArn", "userIdentity", "version", "version-id", "versionId",
            "x-amz-id-2", "x-amz-request-id", "x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port",
            "x-forwarded-proto"
    };
    private static final int MASK = 1023;
    private static final String[] TABLE = new String[MASK + 1];
    private static final byte[][] BYTES = new byte[MASK + 1][];

    static {
        for (String name : NAMES) {
            byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (TABLE[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = name.intern();
            BYTES[slot] = bytes;
        }
    }

    private KnownNames() {
    }

    /**
     * Returns the canonical string for the ASCII bytes {@code buf[start, start + length)}, or null when the name is
     * not a known one.
     */
    static String lookup(byte[] buf, int start, int length) {
        for (int slot = hash(buf, start, length) & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            byte[] candidate = BYTES[slot];
            if (candidate.length == length && sameBytes(candidate, buf, start)) {
                return TABLE[slot];
            }
        }
        return null;
    }

    private static boolean sameBytes(byte[] candidate, byte[] buf, int start) {
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] != buf[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** A cheap hash from the length and three bytes; collisions are resolved by comparing bytes. */
    private static int hash(byte[] buf, int start, int length) {
        if (length == 0) {
            return 0;
        }
        int h = length * 0x9E3779B1;
        h ^= buf[start] * 31 * 31;
        h ^= buf[start + length - 1] * 31;
        h ^= buf[start + (length >> 1)];
        return h ^ (h >>> 16);
    }
}
