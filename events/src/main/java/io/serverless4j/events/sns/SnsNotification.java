/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.sns;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.Json;
import java.time.Instant;
import java.util.Map;

/**
 * An SNS notification: the {@code Sns} object of a Lambda SNS event, and also the JSON envelope that SNS puts in
 * an SQS message body when raw message delivery is off.
 *
 * <p>The two shapes differ only in the spelling of two fields: the Lambda event says {@code SigningCertUrl} and
 * {@code UnsubscribeUrl}, the SQS envelope {@code SigningCertURL} and {@code UnsubscribeURL}. Both are read;
 * {@link io.serverless4j.events.Events#write(Object)} writes the Lambda event spelling.
 *
 * <p>Required fields: {@code MessageId}, {@code TopicArn}, {@code Message}. Immutable and thread-safe.
 *
 * @param type the message type, {@code Notification} (JSON {@code Type})
 * @param messageId the SNS message id, kept across SNS retries (JSON {@code MessageId})
 * @param topicArn the topic ARN (JSON {@code TopicArn})
 * @param subject the subject, or null when the publisher set none (JSON {@code Subject})
 * @param message the message as published (JSON {@code Message})
 * @param timestamp when the message was published (JSON {@code Timestamp}, ISO-8601)
 * @param signatureVersion the signature version, {@code 1} or {@code 2} (JSON {@code SignatureVersion})
 * @param signature the base64 signature (JSON {@code Signature})
 * @param signingCertUrl the URL of the signing certificate (JSON {@code SigningCertUrl} or
 *     {@code SigningCertURL})
 * @param unsubscribeUrl the URL that unsubscribes the endpoint (JSON {@code UnsubscribeUrl} or
 *     {@code UnsubscribeURL})
 * @param messageAttributes the message attributes by name; never null (JSON {@code MessageAttributes})
 * @param sequenceNumber the sequence number for FIFO topics, else null (JSON {@code SequenceNumber})
 */
public record SnsNotification(
        @JsonProperty("Type") String type,
        @JsonProperty("MessageId") String messageId,
        @JsonProperty("TopicArn") String topicArn,
        @JsonProperty("Subject") String subject,
        @JsonProperty("Message") String message,
        @JsonProperty("Timestamp") Instant timestamp,
        @JsonProperty("SignatureVersion") String signatureVersion,
        @JsonProperty("Signature") String signature,
        @JsonProperty("SigningCertUrl") @JsonAlias("SigningCertURL") String signingCertUrl,
        @JsonProperty("UnsubscribeUrl") @JsonAlias("UnsubscribeURL") String unsubscribeUrl,
        @JsonProperty("MessageAttributes") Map<String, SnsMessageAttribute> messageAttributes,
        @JsonProperty("SequenceNumber") String sequenceNumber) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code messageId}, {@code topicArn} or {@code message} is null
     */
    public SnsNotification {
        Checks.required(messageId, "MessageId");
        Checks.required(topicArn, "TopicArn");
        Checks.required(message, "Message");
        messageAttributes = Checks.map(messageAttributes, "MessageAttributes");
    }

    /**
     * Parses the message as JSON into {@code type}.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed message
     * @throws EventParseException if the message is not JSON of that shape; the exception names the message id
     */
    public <T> T body(Class<T> type) {
        return Json.readNested(message, type, "SnsNotification " + messageId + " Message");
    }

    /**
     * Parses the message as JSON into a generic type.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed message
     * @throws EventParseException if the message is not JSON of that shape; the exception names the message id
     */
    public <T> T body(TypeReference<T> type) {
        return Json.readNested(message, type, "SnsNotification " + messageId + " Message");
    }
}
