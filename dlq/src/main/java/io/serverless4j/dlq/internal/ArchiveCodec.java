/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The archive's line format (JSON Lines, one object per line, version 1).
 *
 * <p>A message line, written before the message is sent:
 * <pre>{"v":1,"dlqMessageId":"..","originalMessageId":"..","target":"..","archivedAt":"2026-..Z",
 *  "messageGroupId":"g" (FIFO only),"body":"..","messageAttributes":{"name":{"dataType":"String",
 *  "stringValue":".."} | {"dataType":"Binary","binaryValue":"base64"}}}</pre>
 * A not-moved line, written when a message that was archived could not be sent after all (it stayed in the DLQ),
 * so that a restore does not send it: {@code {"v":1,"notMoved":"<dlqMessageId>","reason":".."}}. Stateless.
 */
public final class ArchiveCodec {

    /**
     * A message as archived.
     *
     * @param dlqMessageId its id in the DLQ
     * @param originalMessageId the id of the message that first failed
     * @param body the body as sent
     * @param attributes the attributes as sent
     * @param messageGroupId the FIFO group id, or null
     */
    public record ArchivedMessage(String dlqMessageId, String originalMessageId, String body,
            Map<String, MessageAttributeValue> attributes, String messageGroupId) {}

    /**
     * A marker that an archived message was not moved.
     *
     * @param dlqMessageId its id in the DLQ
     */
    public record NotMoved(String dlqMessageId) {}

    private ArchiveCodec() {}

    /**
     * Encodes a message line (without the newline).
     *
     * @param message the message as it will be sent
     * @param target the target queue URL
     * @param archivedAt when
     * @return the JSON line
     */
    public static String encode(Outgoing.Prepared message, String target, Instant archivedAt) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("v", 1);
        line.put("dlqMessageId", message.source().messageId());
        line.put("originalMessageId", message.source().originalMessageId());
        line.put("target", target);
        line.put("archivedAt", archivedAt.toString());
        if (message.messageGroupId() != null) {
            line.put("messageGroupId", message.messageGroupId());
        }
        line.put("body", message.body());
        ObjectNode attributes = line.putObject("messageAttributes");
        message.attributes().forEach((name, value) -> {
            ObjectNode attribute = attributes.putObject(name);
            attribute.put("dataType", value.dataType());
            if (value.stringValue() != null) {
                attribute.put("stringValue", value.stringValue());
            }
            if (value.binaryValue() != null) {
                attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
            }
        });
        return line.toString();
    }

    /**
     * Encodes a not-moved line.
     *
     * @param dlqMessageId the message's id in the DLQ
     * @param reason why it was not moved
     * @return the JSON line
     */
    public static String encodeNotMoved(String dlqMessageId, String reason) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("v", 1);
        line.put("notMoved", dlqMessageId);
        line.put("reason", reason);
        return line.toString();
    }

    /**
     * Decodes a line.
     *
     * @param line the line
     * @return an {@link ArchivedMessage} or a {@link NotMoved}
     * @throws IllegalArgumentException when the line is not an archive line (e.g. cut short by a crash)
     */
    public static Object decode(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.hasNonNull("notMoved")) {
            return new NotMoved(node.get("notMoved").asText());
        }
        if (!node.hasNonNull("dlqMessageId") || !node.hasNonNull("body")) {
            throw new IllegalArgumentException("no dlqMessageId or body");
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        JsonNode attributeNodes = node.path("messageAttributes");
        for (Iterator<Map.Entry<String, JsonNode>> it = attributeNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            MessageAttributeValue.Builder builder = MessageAttributeValue.builder()
                    .dataType(value.path("dataType").asText("String"));
            if (value.hasNonNull("stringValue")) {
                builder.stringValue(value.get("stringValue").asText());
            }
            if (value.hasNonNull("binaryValue")) {
                builder.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(
                        value.get("binaryValue").asText())));
            }
            attributes.put(entry.getKey(), builder.build());
        }
        String original = node.path("originalMessageId").asText(node.get("dlqMessageId").asText());
        String group = node.hasNonNull("messageGroupId") ? node.get("messageGroupId").asText() : null;
        return new ArchivedMessage(node.get("dlqMessageId").asText(), original, node.get("body").asText(),
                attributes, group);
    }
}
