/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.dlq.DlqMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class OutgoingTest {

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static DlqMessage message(String id, String body, Map<String, MessageAttributeValue> attributes) {
        return new DlqMessage(id, body, attributes, null, 1, null);
    }

    @Test
    void aFirstReplayRecordsTheMessageIdAsOriginalAndCountsOne() {
        DlqMessage received = message("m-1", "b", Map.of("tenant", string("acme")));

        Map<String, MessageAttributeValue> sent = Outgoing.replayAttributes(received, received);

        assertThat(sent).containsEntry("tenant", string("acme"))
                .containsEntry(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, string("m-1"))
                .containsEntry(DlqMessage.REPLAY_COUNT_ATTRIBUTE,
                        MessageAttributeValue.builder().dataType("Number").stringValue("1").build());
    }

    @Test
    void aRepeatedReplayKeepsTheOriginalIdAndIncrementsTheCount() {
        DlqMessage received = message("m-3", "b", Map.of(
                DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE, string("m-1"),
                DlqMessage.REPLAY_COUNT_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                        .stringValue("2").build()));

        Map<String, MessageAttributeValue> sent = Outgoing.replayAttributes(received, received);

        assertThat(received.originalMessageId()).isEqualTo("m-1");
        assertThat(received.replayCount()).isEqualTo(2);
        assertThat(sent.get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).stringValue()).isEqualTo("m-1");
        assertThat(sent.get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue()).isEqualTo("3");
    }

    @Test
    void aTransformCannotForgeTheReplayAttributes() {
        DlqMessage received = message("m-1", "b", Map.of());
        DlqMessage forged = received.withMessageAttributes(Map.of(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE,
                string("other"), DlqMessage.REPLAY_COUNT_ATTRIBUTE, string("0")));

        Map<String, MessageAttributeValue> sent = Outgoing.replayAttributes(received, forged);

        assertThat(sent.get(DlqMessage.ORIGINAL_MESSAGE_ID_ATTRIBUTE).stringValue()).isEqualTo("m-1");
        assertThat(sent.get(DlqMessage.REPLAY_COUNT_ATTRIBUTE).stringValue()).isEqualTo("1");
    }

    @Test
    void aMessageThatWouldExceedTenAttributesIsRefusedNamingTheLimitAndIsNotTrimmed() {
        Map<String, MessageAttributeValue> nine = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("a" + i, string("v"));
        }
        DlqMessage received = message("m-9", "b", nine);

        Outgoing.Prepared prepared = Outgoing.prepare(received, "rh", received, "q", false, 262_144);

        assertThat(prepared.problem()).contains("m-9").contains("has 9 message attributes")
                .contains("would have 11").contains("limit of 10").contains("transform");
        assertThat(prepared.attributes()).hasSize(11);
    }

    @Test
    void eightAttributesPlusTheTwoReplayAttributesFit() {
        Map<String, MessageAttributeValue> eight = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            eight.put("a" + i, string("v"));
        }
        DlqMessage received = message("m-8", "b", eight);

        assertThat(Outgoing.prepare(received, "rh", received, "q", false, 262_144).problem()).isNull();
    }

    @Test
    void countsTheSizeAsSqsDoes() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("k", string("vv")); // 1 + 6 ("String") + 2
        attributes.put("bin", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[5])).build()); // 3 + 6 + 5

        assertThat(Outgoing.sizeBytes("héllo", attributes)).isEqualTo(6 + 9 + 14);
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedAndAFifoTargetNeedsAGroupId() {
        DlqMessage big = message("m-big", "x".repeat(2000), Map.of());
        assertThat(Outgoing.prepare(big, "rh", big, "q", false, 1024).problem()).contains("m-big")
                .contains("over the limit of 1024 bytes");

        DlqMessage noGroup = message("m-ng", "b", Map.of());
        assertThat(Outgoing.prepare(noGroup, "rh", noGroup, "orders.fifo", true, 1024).problem())
                .contains("no MessageGroupId").contains("orders.fifo");
        DlqMessage grouped = noGroup.withMessageGroupId("g");
        assertThat(Outgoing.prepare(noGroup, "rh", grouped, "orders.fifo", true, 1024).messageGroupId())
                .isEqualTo("g");
    }

    @Test
    void packsBatchesOfAtMostTenAndAtMostTheByteLimitInOrder() {
        List<Outgoing.Prepared> messages = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            DlqMessage m = message("m" + i, "x".repeat(i < 20 ? 10 : 300), Map.of());
            messages.add(Outgoing.prepare(m, "rh" + i, m, "q", false, 1024));
        }

        List<List<Outgoing.Prepared>> batches = Outgoing.pack(messages, 1024);

        assertThat(batches).allSatisfy(b -> {
            assertThat(b).hasSizeLessThanOrEqualTo(10);
            assertThat(b.stream().mapToInt(Outgoing.Prepared::sizeBytes).sum()).isLessThanOrEqualTo(1024);
        });
        assertThat(batches.stream().flatMap(List::stream).map(p -> p.source().messageId()))
                .containsExactlyElementsOf(messages.stream().map(p -> p.source().messageId()).toList());
        // 20 small ones (~93 bytes each) in two tens, then 5 of ~383 bytes: at most two fit under 1024.
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 2, 2, 1);
    }
}
