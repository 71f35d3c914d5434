/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.dlq.DlqMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class ArchiveCodecTest {

    @Test
    void aLineDecodesToWhatWasSent() {
        DlqMessage received = new DlqMessage("m-1", "{\"a\":\"ü\\n\"}", Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("acme").build(),
                "sig", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})).build()),
                "g", 2, null);
        Outgoing.Prepared prepared = Outgoing.prepare(received, "rh", received, "q.fifo", true, 262_144);

        String line = ArchiveCodec.encode(prepared, "q.fifo", Instant.parse("2026-11-25T00:00:00Z"));

        assertThat(line).doesNotContain("\n");
        ArchiveCodec.ArchivedMessage decoded = (ArchiveCodec.ArchivedMessage) ArchiveCodec.decode(line);
        assertThat(decoded.dlqMessageId()).isEqualTo("m-1");
        assertThat(decoded.originalMessageId()).isEqualTo("m-1");
        assertThat(decoded.body()).isEqualTo(received.body());
        assertThat(decoded.messageGroupId()).isEqualTo("g");
        assertThat(decoded.attributes()).isEqualTo(prepared.attributes());
    }

    @Test
    void notMovedMarkersRoundTripAndBrokenLinesAreRefused() {
        assertThat(ArchiveCodec.decode(ArchiveCodec.encodeNotMoved("m-2", "throttled")))
                .isEqualTo(new ArchiveCodec.NotMoved("m-2"));
        assertThatThrownBy(() -> ArchiveCodec.decode("{\"v\":1,\"dlqMessageId\":\"m-3\",\"bo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ArchiveCodec.decode("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveCodec.decode("{\"v\":1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
