/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.events.sns.SnsNotification;
import java.util.Optional;

/** Tells an SNS envelope in an SQS body apart from a raw-delivered message, and parses it. */
public final class SnsEnvelopes {

    private SnsEnvelopes() {
    }

    /**
     * Parses {@code body} as an SNS envelope when it is one.
     *
     * @param body the SQS message body
     * @param messageId the SQS message id, for error messages
     * @return the envelope, or empty when the body is not an SNS envelope
     */
    public static Optional<SnsNotification> parse(String body, String messageId) {
        // Cheap rejection first: most raw bodies are not JSON objects or lack the envelope's fields.
        int start = 0;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        if (start == body.length() || body.charAt(start) != '{' || !body.contains("\"TopicArn\"")) {
            return Optional.empty();
        }
        JsonNode tree = EventReaders.readTree(body);
        if (tree == null || !tree.isObject() || !isText(tree, "Type") || !isText(tree, "MessageId") || !isText(tree, "TopicArn")
                || !isText(tree, "Message")) {
            return Optional.empty();
        }
        return Optional.of(EventReaders.read(body, EventReaders::snsNotification,
                "SqsMessage " + messageId + " body as SnsNotification"));
    }

    private static boolean isText(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value != null && value.isTextual();
    }
}
